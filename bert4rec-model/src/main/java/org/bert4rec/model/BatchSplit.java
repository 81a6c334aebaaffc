package org.bert4rec.model;

import java.util.Arrays;

/**
 * Splits a training batch into parts of nearly equal work, one per part thread.
 *
 * <p>The parts run side by side and the step waits for the slowest, so a split by row order loses the difference:
 * on ML-1m, batch 128 in two contiguous halves, the larger half is 3.9 % above the mean in expected cost, and the
 * measured waits were larger (docs/BENCHMARKS.md). The work of a row grows with its length (one past its last token
 * that must be computed, as {@code SequenceLayout} counts it): the token-wise layers linearly, attention with its
 * square, the output head with its predictions. Rows are dealt costliest first, a round of {@code parts} rows at a
 * time, the costliest of a round to the lightest part, so part sizes differ by at most one row.
 *
 * <p>The split depends only on the batch's contents, so a step computes the same numbers on one thread or on two.
 */
final class BatchSplit {
    private BatchSplit() {
    }

    /**
     * The rows of each part, ascending within a part.
     *
     * @param parts number of parts, at most the batch size
     */
    static int[][] balanced(ModelBatch batch, int parts, Bert4RecConfig config) {
        int n = batch.batchSize();
        if (parts < 1 || parts > n) {
            throw new IllegalArgumentException(parts + " parts for a batch of " + n);
        }
        double[] cost = new double[n];
        Integer[] order = new Integer[n];
        for (int b = 0; b < n; b++) {
            cost[b] = cost(batch, b, config);
            order[b] = b;
        }
        Arrays.sort(order, (x, y) -> cost[x] != cost[y] ? Double.compare(cost[y], cost[x]) : Integer.compare(x, y));
        double[] load = new double[parts];
        int[][] rows = new int[parts][];
        int[] count = new int[parts];
        for (int p = 0; p < parts; p++) {
            rows[p] = new int[(n - p + parts - 1) / parts]; // the lightest parts of the last round take its rows
        }
        Integer[] byLoad = new Integer[parts];
        for (int from = 0; from < n; from += parts) {
            for (int p = 0; p < parts; p++) {
                byLoad[p] = p;
            }
            // parts by load ascending; among equal loads, the one with fewer rows first, then by index
            Arrays.sort(byLoad, (x, y) -> load[x] != load[y] ? Double.compare(load[x], load[y])
                    : count[x] != count[y] ? Integer.compare(count[x], count[y]) : Integer.compare(x, y));
            int k = 0;
            for (int i = from; i < Math.min(n, from + parts); i++) {
                int p = byLoad[k++];
                while (count[p] == rows[p].length) { // a full part (only in the last, short round)
                    p = byLoad[k++];
                }
                rows[p][count[p]++] = order[i];
                load[p] += cost[order[i]];
            }
        }
        for (int[] r : rows) {
            Arrays.sort(r);
        }
        return rows;
    }

    /** A row's work in multiply-adds per layer, up to a constant: token-wise layers, attention, output head. */
    static double cost(ModelBatch batch, int row, Bert4RecConfig config) {
        int s = batch.seqLen();
        int length = 1;
        for (int p = s - 1; p >= 0; p--) {
            if (batch.inputMask()[row * s + p] != 0) {
                length = p + 1;
                break;
            }
        }
        int predictions = 0;
        for (int j = 0; j < batch.numPredictions(); j++) {
            int i = row * batch.numPredictions() + j;
            if (batch.maskedWeights()[i] > 0) {
                predictions++;
                length = Math.max(length, batch.maskedPositions()[i] + 1);
            }
        }
        double h = config.hiddenSize();
        double tokenWise = 4 * h * h + 2 * h * config.intermediateSize();
        double attention = 2 * h * length;
        double head = (double) config.vocabSize() * h / Math.max(1, config.numHiddenLayers());
        return length * (tokenWise + attention) + predictions * head;
    }
}
