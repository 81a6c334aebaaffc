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

    /**
     * How many items at the end of a chain are evaluation targets: the validation and test items of train_val_test,
     * the validation item of train_val, the test item of test; none for inference, whose last item is the raw
     * stage's placeholder for the next one.
     */
    public int evaluationTargets() {
        return switch (this) {
            case train_val_test -> 2;
            case train_val, test -> 1;
            case inference -> 0;
        };
    }

    /** True for the tasks that write training instances (and, without --vocab_filename, build a vocabulary). */
    public boolean trains() {
        return this == train_val_test || this == train_val;
    }
}
