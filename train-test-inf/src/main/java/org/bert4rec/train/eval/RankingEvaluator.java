package org.bert4rec.train.eval;

import java.io.IOException;
import java.util.Iterator;
import org.bert4rec.train.metrics.RankingMetrics;
import org.bert4rec.train.metrics.TargetRanker;

/**
 * Ranks each scored row's true item and adds it to {@link RankingMetrics}: the evaluation that validation and the
 * {@code test} stage share. Unlike the seed's evaluation hook, each row is compared with its own true item, every
 * row of every batch counts, and a rank of 0 counts as the hit it is.
 */
public final class RankingEvaluator implements ScoringLoop.RowSink {

    /** Sees each row's rank, e.g. to write predictions. */
    @FunctionalInterface
    public interface RankListener {
        void onRank(ScoredRow row, int rank) throws IOException;
    }

    private final RankingMetrics metrics;
    private final RankListener listener;

    public RankingEvaluator(RankingMetrics metrics, RankListener listener) {
        this.metrics = metrics;
        this.listener = listener;
    }

    /**
     * Scores and ranks every row with {@code scorer}; returns the metrics.
     *
     * @throws IllegalArgumentException when a row has no true item
     */
    public static RankingMetrics evaluate(Iterator<ScoringRow> rows, SequenceScorer scorer, int batchSize,
                                          TargetRanker ranker) throws IOException {
        RankingMetrics metrics = new RankingMetrics(ranker);
        new ScoringLoop(scorer, batchSize).run(rows, new RankingEvaluator(metrics, null));
        return metrics;
    }

    public RankingMetrics metrics() {
        return metrics;
    }

    @Override
    public void accept(ScoredRow scored) throws IOException {
        ScoringRow row = scored.row();
        if (row.target() == ScoringRow.NO_TARGET) {
            throw new IllegalArgumentException("row " + scored.ordinal() + " (user " + row.info()
                    + ") has no true item to rank");
        }
        int rank = metrics.add(scored.logits(), scored.logitsOffset(), row.target(), row.seenItems(),
                scored.ordinal());
        if (listener != null) {
            listener.onRank(scored, rank);
        }
    }
}
