package org.bert4rec.data;

/**
 * The seed's tasks: which splits a stage prepares. The minimum chain length keeps at least one item per split:
 * train_val_test needs training + validation + test items, train_val and test two, inference one.
 */
public enum Task {
    train_val_test(3),
    train_val(2),
    test(2),
    inference(1);

    private final int minChainLength;

    Task(int minChainLength) {
        this.minChainLength = minChainLength;
    }

    /** Chains shorter than this are dropped by the raw stage. */
    public int minChainLength() {
        return minChainLength;
    }

    /** True for the tasks that write training instances (and, without --vocab_filename, build a vocabulary). */
    public boolean trains() {
        return this == train_val_test || this == train_val;
    }
}
