package org.bert4rec.train.eval;

/**
 * The vocabulary as these stages see it: original item ids ↔ vocabulary ids, in the FreqVocab layout (real items
 * are ids 1..{@link #numItems()} by descending frequency in the prepared chains, then the special tokens).
 */
public interface ItemVocabulary {
    /** The vocabulary id of original item {@code item}, or -1 when the vocabulary does not know it. */
    int idOf(String item);

    /** The original id of vocabulary id {@code id} (1..numItems). */
    String itemOf(int id);

    /** The number of real items. */
    int numItems();

    /** The id of the [MASK] token, put at the position to predict. */
    int maskId();

    /** The model's vocab_size that goes with this vocabulary. */
    int vocabSize();
}
