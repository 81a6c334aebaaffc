package org.bert4rec.train.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores a stream of rows in batches and hands every row's scores to a sink, in input order.
 *
 * <p>Rows are read a window at a time ({@value #WINDOW_BATCHES} batches), ordered by length within the window
 * (longest first), and each batch is cut to its longest row. BERT4Rec's sequences are right-padded to max_seq_length, and padded keys are
 * masked out of attention, so dropping trailing padding leaves every score as it was while the forward pass shrinks
 * with the real lengths (on ML-1m most users have fewer than the 200 items a sequence can hold). Memory is bounded
 * by the window, whatever the number of rows.
 *
 * <p>When the scorer has {@linkplain SequenceScorer#replicas() replicas}, the batches of a window are scored on one
 * thread per replica; rows still reach the sink one at a time, in input order, so the output does not depend on
 * the number of threads.
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
        List<SequenceScorer> replicas = scorer.replicas();
        ExecutorService pool = replicas.size() < 2 ? null : Executors.newFixedThreadPool(replicas.size(), r -> {
            Thread t = new Thread(r, "scoring");
            t.setDaemon(true);
            return t;
        });
        try {
            int capacity = batchSize * WINDOW_BATCHES;
            List<ScoringRow> window = new ArrayList<>(capacity);
            long ordinal = 0;
            while (rows.hasNext()) {
                window.add(rows.next());
                if (window.size() == capacity) {
                    ordinal = flush(window, ordinal, sink, replicas, pool);
                }
            }
            return flush(window, ordinal, sink, replicas, pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private long flush(List<ScoringRow> window, long firstOrdinal, RowSink sink, List<SequenceScorer> replicas,
                       ExecutorService pool) throws IOException {
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
        int batches = (n + batchSize - 1) / batchSize;
        if (pool == null || batches == 1) {
            for (int b = 0; b < batches; b++) {
                scoreBatch(scorer, window, byLength, lengths, b, vocab, width);
            }
        } else {
            // each replica takes the next unscored batch; batches write disjoint slots of logits and hidden
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (SequenceScorer replica : replicas) {
                running.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        scoreBatch(replica, window, byLength, lengths, b, vocab, width);
                    }
                    return null;
                }));
            }
            awaitAll(running);
        }
        for (int i = 0; i < n; i++) {
            sink.accept(new ScoredRow(firstOrdinal + i, window.get(i), logits, i * vocab, vocab, hidden, i * width,
                    width));
        }
        window.clear();
        return firstOrdinal + n;
    }

    /** Waits for every task; a task's failure (the first, in submission order) is rethrown as it was thrown. */
    private static void awaitAll(List<Future<?>> running) {
        RuntimeException failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Scores batch {@code index} of the window (rows {@code order[index·batchSize ..]}, cut to its longest row) with
     * {@code scorer} and stores the results at the rows' window slots.
     */
    private void scoreBatch(SequenceScorer scorer, List<ScoringRow> window, Integer[] order, int[] lengths,
                            int index, int vocab, int width) {
        int start = index * batchSize;
        int end = Math.min(window.size(), start + batchSize);
        int seqLen = lengths[order[start]];
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
