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
        ModelBatch out = ModelBatch.zeros(batch, seqLen, numPredictions);
        for (int b = 0; b < batch; b++) {
            int len = 1 + r.nextInt(seqLen);
            for (int p = 0; p < len; p++) {
                out.inputIds()[b * seqLen + p] = 1 + r.nextInt(vocab - 1);
                out.inputMask()[b * seqLen + p] = 1;
            }
            int real = Math.min(numPredictions - (b % 2), len);
            for (int j = 0; j < numPredictions; j++) {
                int i = b * numPredictions + j;
                if (j < real) {
                    out.maskedPositions()[i] = r.nextInt(len);
                    out.maskedIds()[i] = 1 + r.nextInt(vocab - 1);
                    out.maskedWeights()[i] = 1f;
                }
            }
        }
        return out;
    }

    /** Rows of successive item ids 1..items (wrapping), {@code masked} random positions replaced by [MASK]. */
    static ModelBatch successorBatch(Random r, int batch, int len, int items, int masked) {
        int maskId = items + 2;
        ModelBatch out = ModelBatch.zeros(batch, len, masked);
        for (int b = 0; b < batch; b++) {
            int start = r.nextInt(items);
            for (int p = 0; p < len; p++) {
                out.inputIds()[b * len + p] = 1 + (start + p) % items;
                out.inputMask()[b * len + p] = 1;
            }
            int[] chosen = r.ints(0, len).distinct().limit(masked).sorted().toArray();
            for (int j = 0; j < masked; j++) {
                int i = b * masked + j;
                out.maskedPositions()[i] = chosen[j];
                out.maskedIds()[i] = out.inputIds()[b * len + chosen[j]];
                out.maskedWeights()[i] = 1f;
            }
            for (int p : chosen) {
                out.inputIds()[b * len + p] = maskId;
            }
        }
        return out;
    }
}
