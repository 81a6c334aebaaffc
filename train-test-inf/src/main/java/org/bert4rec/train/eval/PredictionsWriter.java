package org.bert4rec.train.eval;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.bert4rec.train.metrics.TargetRanker;

/**
 * Writes {@code --save_predictions_file}: per user, the candidates ranked ahead of the true item, best first, then
 * the true item, each as {@code item:score} with original ids. Tab-separated with a header, one line per user:
 * {@code id, encoded_id, true_item, rank, ranked_items}.
 *
 * <p>The seed wrote the same list (stopping at the true item, as here) but with item ids shifted by one and the raw
 * score array printed in front of it.
 */
public final class PredictionsWriter implements RankingEvaluator.RankListener {
    /** The header line. */
    public static final String HEADER = "id\tencoded_id\ttrue_item\trank\tranked_items";

    private final Writer out;
    private final TargetRanker ranker;
    private final IdNames names;

    /** Writes the header. */
    public PredictionsWriter(Writer out, TargetRanker ranker, IdNames names) throws IOException {
        this.out = out;
        this.ranker = ranker;
        this.names = names;
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    public void onRank(ScoredRow scored, int rank) throws IOException {
        ScoringRow row = scored.row();
        int target = row.target();
        float t = scored.logit(target);
        int[] candidates = ranker.candidates(target, row.seenItems(), scored.ordinal());
        Integer[] ahead = new Integer[rank];
        int n = 0;
        for (int id : candidates) {
            if (id != target && !(scored.logit(id) < t)) {
                ahead[n++] = id;
            }
        }
        if (n != rank) {
            throw new IllegalStateException("found " + n + " items ahead of rank " + rank);
        }
        Arrays.sort(ahead, (a, b) -> {
            int c = Float.compare(sortKey(scored.logit(b)), sortKey(scored.logit(a)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        StringBuilder line = new StringBuilder();
        line.append(names.user(row.info())).append('\t').append(row.info()).append('\t')
                .append(names.item(target)).append('\t').append(rank).append('\t');
        for (Integer id : ahead) {
            line.append(names.item(id)).append(':').append(scored.logit(id)).append(' ');
        }
        line.append(names.item(target)).append(':').append(t).append('\n');
        out.write(line.toString());
    }

    /** NaN ranks ahead of every number, as it does in the rank. */
    private static float sortKey(float s) {
        return Float.isNaN(s) ? Float.POSITIVE_INFINITY : s;
    }
}
