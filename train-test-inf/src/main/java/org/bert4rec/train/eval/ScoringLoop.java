package org.bert4rec.train.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Scores a stream of rows in batches and hands every row's scores to a sink, in input order.
 *
 * <p>Rows are read a window at a time ({@value #WINDOW_BATCHES} batches), ordered by length within the window
 * (longest first), and each batch is cut to its longest row. BERT4Rec's sequences are right-padded to max_seq_length, and padded keys are
 * masked out of attention, so dropping trailing padding leaves every score as it was while the forward pass shrinks
 * with the real lengths (on ML-1m most users have fewer than the 200 items a sequence can hold). Memory is bounded
 * by the window, whatever the number of rows.
 */
public final class ScoringLoop {
    /** Batches per window: enough to group similar lengths, small enough to keep memory flat. */
    public static final int WINDOW_BATCHES = 8;

    /** Receives each scored row, in input order. */
    @FunctionalInterface
    public interface RowSink {
        void accept(ScoredRow row) throws IOException;
    }

    private final SequenceScorer scorer;
    private final int batchSize;
    private float[] logits = new float[0];
    private float[] hidden = new float[0];

    public ScoringLoop(SequenceScorer scorer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.scorer = scorer;
        this.batchSize = batchSize;
    }

    /** Scores every row of {@code rows} and returns how many there were. */
    public long run(Iterator<ScoringRow> rows, RowSink sink) throws IOException {
        int capacity = batchSize * WINDOW_BATCHES;
        List<ScoringRow> window = new ArrayList<>(capacity);
        long ordinal = 0;
        while (rows.hasNext()) {
            window.add(rows.next());
            if (window.size() == capacity) {
                ordinal = flush(window, ordinal, sink);
            }
        }
        return flush(window, ordinal, sink);
    }

    private long flush(List<ScoringRow> window, long firstOrdinal, RowSink sink) throws IOException {
        int n = window.size();
        if (n == 0) {
            return firstOrdinal;
        }
        int vocab = scorer.vocabSize();
        int width = scorer.hiddenSize();
        if (logits.length < n * vocab) {
            logits = new float[n * vocab];
            hidden = new float[n * width];
        }
        int[] lengths = new int[n];
        Integer[] byLength = new Integer[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = window.get(i).usedLength();
            byLength[i] = i;
        }
        // longest first: the model's buffers reach their largest size at the first batch instead of being
        // re-allocated (and page-faulted in) batch after batch as the lengths grow
        Arrays.sort(byLength, Comparator.comparingInt(i -> -lengths[i]));
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            scoreBatch(window, byLength, start, end, lengths[byLength[start]], vocab, width);
        }
        for (int i = 0; i < n; i++) {
            sink.accept(new ScoredRow(firstOrdinal + i, window.get(i), logits, i * vocab, vocab, hidden, i * width,
                    width));
        }
        window.clear();
        return firstOrdinal + n;
    }

    /** Scores rows {@code order[start..end)} cut to {@code seqLen} and stores their results at their window slot. */
    private void scoreBatch(List<ScoringRow> window, Integer[] order, int start, int end, int seqLen, int vocab,
                            int width) {
        int b = end - start;
        if (seqLen > scorer.maxSeqLength()) {
            throw new IllegalArgumentException("a row of " + seqLen + " tokens is longer than the model's "
                    + scorer.maxSeqLength());
        }
        int[] ids = new int[b * seqLen];          // [B, L]
        int[] mask = new int[b * seqLen];         // [B, L]
        int[] positions = new int[b];             // [B]
        for (int r = 0; r < b; r++) {
            ScoringRow row = window.get(order[start + r]);
            System.arraycopy(row.inputIds(), 0, ids, r * seqLen, Math.min(seqLen, row.inputIds().length));
            System.arraycopy(row.inputMask(), 0, mask, r * seqLen, Math.min(seqLen, row.inputMask().length));
            positions[r] = row.position();
        }
        ScoredBatch scored = scorer.score(b, seqLen, ids, mask, positions);
        if (scored.batchSize() != b || scored.vocabSize() != vocab || scored.hiddenSize() != width) {
            throw new IllegalStateException("the scorer returned [" + scored.batchSize() + ", " + scored.vocabSize()
                    + "] logits and width " + scored.hiddenSize() + " for a batch of " + b + " (expected vocab "
                    + vocab + ", width " + width + ")");
        }
        for (int r = 0; r < b; r++) {
            int slot = order[start + r];
            System.arraycopy(scored.logits(), r * vocab, logits, slot * vocab, vocab);  // [V]
            System.arraycopy(scored.hidden(), r * width, hidden, slot * width, width);  // [H]
        }
    }
}
