package org.bert4rec.model;

import java.util.Random;

/** Small configs and random batches for the tests. */
final class TinyModels {
    private TinyModels() {
    }

    static Bert4RecConfig config(int vocab, int hidden, int heads, int layers, int intermediate, int maxLen,
            double dropout) {
        return new Bert4RecConfig(dropout, "gelu", dropout, hidden, 0.02, intermediate, maxLen, heads, layers, 2,
                vocab);
    }

    static TrainingHyperparams hyper(double lr, long steps, long warmup) {
        return TrainingHyperparams.bert(lr, steps, warmup);
    }

    /**
     * A random batch: each row has a random real length in [1, seqLen] padded at the end, {@code numPredictions}
     * masked slots of which the last may be padding (weight 0).
     */
    static ModelBatch randomBatch(Random r, int batch, int seqLen, int numPredictions, int vocab) {
        int[] ids = new int[batch * seqLen];
        int[] mask = new int[batch * seqLen];
        int[] positions = new int[batch * numPredictions];
        int[] labels = new int[batch * numPredictions];
        float[] weights = new float[batch * numPredictions];
        for (int b = 0; b < batch; b++) {
            int len = 1 + r.nextInt(seqLen);
            for (int p = 0; p < len; p++) {
                ids[b * seqLen + p] = 1 + r.nextInt(vocab - 1);
                mask[b * seqLen + p] = 1;
            }
            int real = Math.min(numPredictions - (b % 2), len);
            for (int j = 0; j < numPredictions; j++) {
                int i = b * numPredictions + j;
                if (j < real) {
                    positions[i] = r.nextInt(len);
                    labels[i] = 1 + r.nextInt(vocab - 1);
                    weights[i] = 1f;
                }
            }
        }
        return new ModelBatch(batch, seqLen, numPredictions, ids, mask, positions, labels, weights);
    }

    /** Rows of successive item ids 1..items (wrapping), {@code masked} random positions replaced by [MASK]. */
    static ModelBatch successorBatch(Random r, int batch, int len, int items, int masked) {
        int maskId = items + 2;
        int[] ids = new int[batch * len];
        int[] mask = new int[batch * len];
        int[] positions = new int[batch * masked];
        int[] labels = new int[batch * masked];
        float[] weights = new float[batch * masked];
        for (int b = 0; b < batch; b++) {
            int start = r.nextInt(items);
            for (int p = 0; p < len; p++) {
                ids[b * len + p] = 1 + (start + p) % items;
                mask[b * len + p] = 1;
            }
            int[] chosen = r.ints(0, len).distinct().limit(masked).sorted().toArray();
            for (int j = 0; j < masked; j++) {
                int i = b * masked + j;
                positions[i] = chosen[j];
                labels[i] = ids[b * len + chosen[j]];
                weights[i] = 1f;
            }
            for (int p : chosen) {
                ids[b * len + p] = maskId;
            }
        }
        return new ModelBatch(batch, len, masked, ids, mask, positions, labels, weights);
    }
}
