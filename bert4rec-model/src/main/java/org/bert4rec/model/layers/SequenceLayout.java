package org.bert4rec.model.layers;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Where each token of a batch sits in the packed {@code [T, H]} activation matrices.
 *
 * <p>BERT4Rec pads every sequence to {@code max_seq_length} at the end, and padded keys are masked out of attention
 * (bias −10000), so padded positions never influence a real one: computing them is wasted work. On ML-1m many users
 * have far fewer than 200 items. The batch is therefore packed: sequences are ordered by length (longest first,
 * ties by batch row) and cut into chunks of at most {@link #CHUNK_SEQUENCES}; each chunk is padded only to its own
 * longest sequence. Token-wise layers see {@code T = Σ chunk size × chunk length} rows instead of
 * {@code batch × max_seq_length}; attention runs per chunk. The loss and every gradient are those of the unpacked
 * model (up to floating-point summation order).
 *
 * <p>A sequence's length is one past its last real token (mask 1) or its last position that must be computed
 * (a weighted prediction or a scored position), and at least 1.
 */
public final class SequenceLayout {
    /** Sequences per attention chunk: small enough to waste little padding, large enough for efficient products. */
    public static final int CHUNK_SEQUENCES = 32;
    /** BERT's additive attention bias for masked keys. */
    public static final float MASKED_KEY_BIAS = -10000f;

    private final int batchSize;
    private final int seqLen;
    private final int[] chunkRowOffset;
    private final int[] chunkSequences;
    private final int[] chunkLength;
    private final int[] firstRowOfSequence;
    private final int[] lengthOfSequence;
    private final int[] tokenIds;
    private final int[] tokenPositions;
    private final float[][] chunkKeyBias;
    private final boolean[] chunkPadded;
    private final long[] chunkCellOffset;
    private final int tokens;
    private final long attentionCells;

    /**
     * @param inputIds          [batchSize, seqLen] row-major
     * @param inputMask         [batchSize, seqLen] row-major, 1 = real token
     * @param requiredPositions [batchSize, k] row-major positions that must be computed, or -1 for none
     */
    public SequenceLayout(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] requiredPositions) {
        this.batchSize = batchSize;
        this.seqLen = seqLen;
        int perRow = requiredPositions.length / batchSize;
        lengthOfSequence = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int len = 1;
            for (int p = seqLen - 1; p >= 0; p--) {
                if (inputMask[b * seqLen + p] != 0) {
                    len = Math.max(len, p + 1);
                    break;
                }
            }
            for (int j = 0; j < perRow; j++) {
                len = Math.max(len, requiredPositions[b * perRow + j] + 1);
            }
            lengthOfSequence[b] = len;
        }
        Integer[] order = IntStream.range(0, batchSize).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer b) -> -lengthOfSequence[b]).thenComparingInt(b -> b));
        int chunks = (batchSize + CHUNK_SEQUENCES - 1) / CHUNK_SEQUENCES;
        chunkRowOffset = new int[chunks];
        chunkSequences = new int[chunks];
        chunkLength = new int[chunks];
        chunkKeyBias = new float[chunks][];
        chunkPadded = new boolean[chunks];
        chunkCellOffset = new long[chunks];
        firstRowOfSequence = new int[batchSize];
        int row = 0;
        long cells = 0;
        for (int c = 0; c < chunks; c++) {
            int first = c * CHUNK_SEQUENCES;
            int count = Math.min(CHUNK_SEQUENCES, batchSize - first);
            int len = lengthOfSequence[order[first]];
            chunkRowOffset[c] = row;
            chunkSequences[c] = count;
            chunkLength[c] = len;
            float[] bias = new float[count * len];   // [count, len]
            for (int j = 0; j < count; j++) {
                int b = order[first + j];
                firstRowOfSequence[b] = row + j * len;
                lengthOfSequence[b] = len;
                for (int p = 0; p < len; p++) {
                    boolean real = inputMask[b * seqLen + p] != 0;
                    bias[j * len + p] = real ? 0f : MASKED_KEY_BIAS;
                    chunkPadded[c] |= !real;
                }
            }
            chunkKeyBias[c] = bias;
            chunkCellOffset[c] = cells;
            row += count * len;
            cells += (long) count * len * len;
        }
        tokens = row;
        attentionCells = cells;
        tokenIds = new int[tokens];
        tokenPositions = new int[tokens];
        for (int b = 0; b < batchSize; b++) {
            for (int p = 0; p < lengthOfSequence[b]; p++) {
                tokenIds[firstRowOfSequence[b] + p] = inputIds[b * seqLen + p];
                tokenPositions[firstRowOfSequence[b] + p] = p;
            }
        }
    }

    public int batchSize() {
        return batchSize;
    }

    public int seqLen() {
        return seqLen;
    }

    /** Rows T of the packed activation matrices. */
    public int tokens() {
        return tokens;
    }

    public int chunks() {
        return chunkRowOffset.length;
    }

    /** First packed row of chunk {@code c}. */
    public int chunkRowOffset(int c) {
        return chunkRowOffset[c];
    }

    /** Sequences in chunk {@code c}. */
    public int chunkSequences(int c) {
        return chunkSequences[c];
    }

    /** Padded length of every sequence in chunk {@code c}. */
    public int chunkLength(int c) {
        return chunkLength[c];
    }

    /** Additive key bias of chunk {@code c}, [sequences, length] row-major: 0 for real keys, −10000 for padding. */
    public float[] chunkKeyBias(int c) {
        return chunkKeyBias[c];
    }

    /** Whether chunk {@code c} has a masked key; when not, its key bias is all zeros and need not be added. */
    public boolean chunkPadded(int c) {
        return chunkPadded[c];
    }

    /** Σ over chunks of sequences × length²: one attention head's score cells for the whole batch. */
    public long attentionCells() {
        return attentionCells;
    }

    /** Where chunk {@code c}'s cells start among {@link #attentionCells()}. */
    public long chunkCellOffset(int c) {
        return chunkCellOffset[c];
    }

    /** Item id of every packed row. */
    public int[] tokenIds() {
        return tokenIds;
    }

    /** Position (0-based, within its sequence) of every packed row. */
    public int[] tokenPositions() {
        return tokenPositions;
    }

    /** True when position {@code p} of batch row {@code b} was computed. */
    public boolean isComputed(int b, int p) {
        return p >= 0 && p < lengthOfSequence[b];
    }

    /** Packed row of position {@code p} of batch row {@code b}; the position must be computed. */
    public int row(int b, int p) {
        if (!isComputed(b, p)) {
            throw new IllegalArgumentException("position " + p + " of sequence " + b + " is not computed");
        }
        return firstRowOfSequence[b] + p;
    }
}
