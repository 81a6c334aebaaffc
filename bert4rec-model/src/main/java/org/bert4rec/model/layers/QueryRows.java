package org.bert4rec.model.layers;

import java.util.Arrays;

/**
 * The rows a transformer layer computes outputs for, as queries of its attention, laid out chunk by chunk like the
 * packed tokens of {@link SequenceLayout}.
 *
 * <p>Every layer but the last needs all of its outputs: the layer above attends to every position. The last layer
 * feeds only the output head, which reads only the predicted positions — 20 of up to 200 per sequence in BERT4Rec's
 * training, one per sequence when scoring. So the last layer's keys and values are computed for every token, but
 * its queries, attention rows, output projection, feed-forward block and LayerNorms only at these rows: the loss
 * and every gradient are those of the full layer (outputs nobody reads have no gradient), at a fraction of its
 * cost.
 *
 * <p>In chunk c every sequence has the same number of query rows (the chunk's largest), so that attention stays a
 * batched product; a sequence with fewer repeats its first row, and nothing reads the repeats.
 */
public final class QueryRows {
    private final boolean all;
    private final int count;
    private final int[] chunkQueryOffset;
    private final int[] chunkQueryLength;
    private final long[] chunkCellOffset;
    private final long attentionCells;
    private final int[] tokenRows;
    private final int[][] positionsOfSequence;
    private final int[] firstQueryOfSequence;

    private QueryRows(boolean all, int count, int[] chunkQueryOffset, int[] chunkQueryLength, long[] chunkCellOffset,
            long attentionCells, int[] tokenRows, int[][] positionsOfSequence, int[] firstQueryOfSequence) {
        this.all = all;
        this.count = count;
        this.chunkQueryOffset = chunkQueryOffset;
        this.chunkQueryLength = chunkQueryLength;
        this.chunkCellOffset = chunkCellOffset;
        this.attentionCells = attentionCells;
        this.tokenRows = tokenRows;
        this.positionsOfSequence = positionsOfSequence;
        this.firstQueryOfSequence = firstQueryOfSequence;
    }

    /** Every token: query row i is token row i. */
    public static QueryRows all(SequenceLayout layout) {
        int chunks = layout.chunks();
        int[] offset = new int[chunks];
        int[] length = new int[chunks];
        long[] cells = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            offset[c] = layout.chunkRowOffset(c);
            length[c] = layout.chunkLength(c);
            cells[c] = layout.chunkCellOffset(c);
        }
        return new QueryRows(true, layout.tokens(), offset, length, cells, layout.attentionCells(), null, null, null);
    }

    /**
     * The distinct positions of each sequence in {@code positions} ([batchSize, k] row-major, -1 for none); every
     * position must be computed in the layout.
     */
    public static QueryRows at(SequenceLayout layout, int[] positions) {
        int batch = layout.batchSize();
        int perRow = positions.length / batch;
        int[][] distinct = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] row = Arrays.stream(positions, b * perRow, (b + 1) * perRow).filter(p -> p >= 0).sorted()
                    .distinct().toArray();
            for (int p : row) {
                layout.row(b, p);   // throws when the position is not computed
            }
            distinct[b] = row.length > 0 ? row : new int[] {0};
        }
        int chunks = layout.chunks();
        int[] offset = new int[chunks];
        int[] length = new int[chunks];
        long[] cells = new long[chunks];
        int[][] sequencesOfChunk = new int[chunks][];
        // the layout's chunks hold sequences in the order of their first rows
        Integer[] order = new Integer[batch];
        for (int b = 0; b < batch; b++) {
            order[b] = b;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(layout.row(x, 0), layout.row(y, 0)));
        int next = 0;
        int rows = 0;
        long cellCount = 0;
        for (int c = 0; c < chunks; c++) {
            int n = layout.chunkSequences(c);
            sequencesOfChunk[c] = new int[n];
            int longest = 1;
            for (int j = 0; j < n; j++) {
                int b = order[next++];
                sequencesOfChunk[c][j] = b;
                longest = Math.max(longest, distinct[b].length);
            }
            offset[c] = rows;
            length[c] = longest;
            cells[c] = cellCount;
            rows += n * longest;
            cellCount += (long) n * longest * layout.chunkLength(c);
        }
        int[] tokenRows = new int[rows];
        int[] firstQuery = new int[batch];
        for (int c = 0; c < chunks; c++) {
            for (int j = 0; j < sequencesOfChunk[c].length; j++) {
                int b = sequencesOfChunk[c][j];
                int base = offset[c] + j * length[c];
                firstQuery[b] = base;
                for (int q = 0; q < length[c]; q++) {
                    int[] own = distinct[b];
                    tokenRows[base + q] = layout.row(b, own[q < own.length ? q : 0]);
                }
            }
        }
        return new QueryRows(false, rows, offset, length, cells, cellCount, tokenRows, distinct, firstQuery);
    }

    /** True when every token is a query ({@link #all}). */
    public boolean isAll() {
        return all;
    }

    /** Rows Q of the layer's output. */
    public int count() {
        return count;
    }

    /** First query row of chunk {@code c}. */
    public int chunkQueryOffset(int c) {
        return chunkQueryOffset[c];
    }

    /** Query rows per sequence of chunk {@code c}. */
    public int chunkQueryLength(int c) {
        return chunkQueryLength[c];
    }

    /** Σ over chunks of sequences × query rows × keys: one attention head's score cells. */
    public long attentionCells() {
        return attentionCells;
    }

    /** Where chunk {@code c}'s cells start among {@link #attentionCells()}. */
    public long chunkCellOffset(int c) {
        return chunkCellOffset[c];
    }

    /** The packed token row of every query row; not defined for {@link #all}. */
    public int[] tokenRows() {
        if (all) {
            throw new IllegalStateException("every token is a query: query row = token row");
        }
        return tokenRows;
    }

    /** The query row of position {@code p} of batch row {@code b}; for {@link #all} that is the token row. */
    public int row(SequenceLayout layout, int b, int p) {
        if (all) {
            return layout.row(b, p);
        }
        int k = Arrays.binarySearch(positionsOfSequence[b], p);
        if (k < 0) {
            throw new IllegalArgumentException("position " + p + " of sequence " + b + " is not a query row");
        }
        return firstQueryOfSequence[b] + k;
    }
}
