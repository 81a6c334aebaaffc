package org.bert4rec.model;

import org.bert4rec.model.layers.QueryRows;
import org.bert4rec.model.layers.SequenceLayout;

/**
 * The masked positions of a batch that carry weight, as rows of the last layer's output ({@link QueryRows}) with
 * their labels. Positions with weight 0
 * (the padding of masked_lm_positions) add nothing to the loss or any gradient, so they are not computed at all.
 */
record MaskedPredictions(int[] rows, int[] labels, double[] weights, double weightSum) {

    static MaskedPredictions of(ModelBatch batch, SequenceLayout layout, QueryRows queries) {
        int p = batch.numPredictions();
        int count = 0;
        double weightSum = 0;
        for (float w : batch.maskedWeights()) {
            if (w != 0) {
                count++;
            }
            weightSum += w;
        }
        int[] rows = new int[count];
        int[] labels = new int[count];
        double[] weights = new double[count];
        int k = 0;
        for (int b = 0; b < batch.batchSize(); b++) {
            for (int j = 0; j < p; j++) {
                int i = b * p + j;
                if (batch.maskedWeights()[i] != 0) {
                    rows[k] = queries.row(layout, b, batch.maskedPositions()[i]);
                    labels[k] = batch.maskedIds()[i];
                    weights[k] = batch.maskedWeights()[i];
                    k++;
                }
            }
        }
        return new MaskedPredictions(rows, labels, weights, weightSum);
    }

    /** Per batch row b: the masked positions with weight, or -1 (for the layout). */
    static int[] requiredPositions(ModelBatch batch) {
        int[] required = new int[batch.maskedPositions().length];
        for (int i = 0; i < required.length; i++) {
            required[i] = batch.maskedWeights()[i] != 0 ? batch.maskedPositions()[i] : -1;
        }
        return required;
    }
}
