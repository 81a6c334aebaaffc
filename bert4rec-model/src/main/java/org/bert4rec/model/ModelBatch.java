package org.bert4rec.model;

import java.util.stream.IntStream;

/**
 * One batch of masked-LM instances as plain arrays (no ND4J types), row-major: row {@code b} of {@code inputIds}
 * occupies {@code [b * seqLen, (b + 1) * seqLen)}, row {@code b} of the masked arrays
 * {@code [b * numPredictions, (b + 1) * numPredictions)}. Padding has id 0, mask 0 and, among the predictions,
 * weight 0.
 */
public record ModelBatch(int batchSize, int seqLen, int numPredictions, int[] inputIds, int[] inputMask,
        int[] maskedPositions, int[] maskedIds, float[] maskedWeights) {

    /** Checks that every array has the length its dimensions imply. */
    public ModelBatch {
        if (batchSize <= 0 || seqLen <= 0 || numPredictions <= 0) {
            throw new IllegalArgumentException("batch dimensions must be positive: batchSize " + batchSize
                    + ", seqLen " + seqLen + ", numPredictions " + numPredictions);
        }
        requireLength("inputIds", inputIds.length, (long) batchSize * seqLen);
        requireLength("inputMask", inputMask.length, (long) batchSize * seqLen);
        requireLength("maskedPositions", maskedPositions.length, (long) batchSize * numPredictions);
        requireLength("maskedIds", maskedIds.length, (long) batchSize * numPredictions);
        requireLength("maskedWeights", maskedWeights.length, (long) batchSize * numPredictions);
    }

    /** A batch of zeros (all padding, no weighted prediction), for builders that fill its arrays in place. */
    public static ModelBatch zeros(int batchSize, int seqLen, int numPredictions) {
        return new ModelBatch(batchSize, seqLen, numPredictions, new int[batchSize * seqLen],
                new int[batchSize * seqLen], new int[batchSize * numPredictions], new int[batchSize * numPredictions],
                new float[batchSize * numPredictions]);
    }

    /** Rows {@code [from, to)} as a batch of their own (copies). */
    public ModelBatch rows(int from, int to) {
        if (from < 0 || to > batchSize || from >= to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a batch of " + batchSize);
        }
        return select(IntStream.range(from, to).toArray());
    }

    /** The given rows, in the given order, as a batch of their own (copies). */
    public ModelBatch select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows selected from a batch of " + batchSize);
        }
        int s = seqLen;
        int m = numPredictions;
        ModelBatch out = zeros(rows.length, s, m);
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= batchSize) {
                throw new IllegalArgumentException("row " + r + " of a batch of " + batchSize);
            }
            System.arraycopy(inputIds, r * s, out.inputIds, i * s, s);
            System.arraycopy(inputMask, r * s, out.inputMask, i * s, s);
            System.arraycopy(maskedPositions, r * m, out.maskedPositions, i * m, m);
            System.arraycopy(maskedIds, r * m, out.maskedIds, i * m, m);
            System.arraycopy(maskedWeights, r * m, out.maskedWeights, i * m, m);
        }
        return out;
    }

    /** Σ masked_lm_weights. */
    public double weightSum() {
        double sum = 0;
        for (float w : maskedWeights) {
            sum += w;
        }
        return sum;
    }

    private static void requireLength(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " entries, expected " + expected);
        }
    }
}
