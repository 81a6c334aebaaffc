package org.bert4rec.train.inference;

import org.bert4rec.utils.FlagValueException;

/**
 * What {@code inference} writes.
 *
 * @param predictionsPerUser K, the items written per user ({@code --predictions_per_user})
 * @param excludeSeen        whether items in the user's input are left out of the top K ({@code --exclude_seen})
 * @param itemPredictions    write {@value InferenceFiles#ITEMS} ({@code --is_items_preds})
 * @param embeddings         write {@value InferenceFiles#EMBEDDINGS} and its ids ({@code --is_embeddings})
 * @param batchSize          rows per forward pass ({@code --batch_size})
 */
public record InferenceOptions(int predictionsPerUser, boolean excludeSeen, boolean itemPredictions,
                               boolean embeddings, int batchSize) {
    public InferenceOptions {
        if (predictionsPerUser < 1) {
            throw new IllegalArgumentException("predictions per user must be >= 1, got " + predictionsPerUser);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Refuses options that would write no file. */
    public void requireSomethingToWrite() {
        if (!itemPredictions && !embeddings) {
            throw new FlagValueException("--is_items_preds and --is_embeddings are both false: nothing to write;"
                    + " set at least one to true");
        }
    }
}
