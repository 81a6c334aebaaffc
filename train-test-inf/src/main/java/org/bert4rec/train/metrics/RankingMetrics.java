package org.bert4rec.train.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates ranks into the metrics that validation and the {@code test} stage report.
 *
 * <p>For a row whose true item has rank {@code r} (0 = best, see {@link TargetRanker}):
 * <ul>
 *   <li>{@code hit<k>} (HR@k) is 1 when {@code r < k};</li>
 *   <li>{@code ndcg<k>} is {@code 1 / log2(r + 2)} when {@code r < k}, else 0 (one relevant item, so the ideal DCG
 *       is 1);</li>
 *   <li>{@code mrr} is {@code 1 / (r + 1)}, without a cut-off (the seed called it "ap");</li>
 *   <li>{@code rank100} counts rows with {@code r < 100} and {@code rank100_percent} is that count in percent of
 *       {@code users}, as the seed pipeline reported them.</li>
 * </ul>
 * Each metric is the mean over rows; {@code users} is the number of rows. Key names are the seed's MLflow metric
 * names (MLflow does not allow {@code @} in keys). Sums are kept in double and added in the order rows arrive, so
 * the same rows in the same order give bit-identical numbers.
 *
 * <p>Not thread-safe: compute ranks in parallel with the shared {@link TargetRanker}, then {@link #addRank} them in
 * row order.
 */
public final class RankingMetrics {
    /** The k of NDCG@k and HR@k. */
    public static final int[] CUTOFFS = {1, 5, 10, 100};
    /** The cut-off of the seed's rank100 counter. */
    public static final int RANK_COUNT_CUTOFF = 100;
    public static final String USERS = "users";
    public static final String RANK100 = "rank100";
    public static final String RANK100_PERCENT = "rank100_percent";
    public static final String MRR = "mrr";
    /** Keys whose values are counts, not means. */
    public static final Set<String> COUNT_KEYS = Set.of(USERS, RANK100);
    private static final double PERCENT = 100.0;

    private final TargetRanker ranker;
    private final double[] ndcgSums = new double[CUTOFFS.length];
    private final long[] hitCounts = new long[CUTOFFS.length];
    private double reciprocalRankSum;
    private long rank100Count;
    private long users;

    public RankingMetrics(TargetRanker ranker) {
        this.ranker = ranker;
    }

    /** Metrics for a protocol that needs no popularity counts (full ranking or uniform sampling). */
    public static RankingMetrics of(RankingProtocol protocol) {
        return new RankingMetrics(new TargetRanker(protocol, null));
    }

    public TargetRanker ranker() {
        return ranker;
    }

    /** Ranks one row's true item (see {@link TargetRanker#rank}), adds the rank and returns it. */
    public int add(float[] scores, int offset, int target, int[] seen, long sampleKey) {
        int rank = ranker.rank(scores, offset, target, seen, sampleKey);
        addRank(rank);
        return rank;
    }

    /** Adds one row whose true item has rank {@code rank} (0 = best). */
    public void addRank(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0, got " + rank);
        }
        double gain = 1.0 / log2(rank + 2);
        for (int c = 0; c < CUTOFFS.length; c++) {
            if (rank < CUTOFFS[c]) {
                ndcgSums[c] += gain;
                hitCounts[c]++;
            }
        }
        reciprocalRankSum += 1.0 / (rank + 1);
        if (rank < RANK_COUNT_CUTOFF) {
            rank100Count++;
        }
        users++;
    }

    /** The number of rows added. */
    public long users() {
        return users;
    }

    /**
     * The metrics in a fixed order: ndcg1, ndcg5, ndcg10, ndcg100, hit1, hit5, hit10, hit100, mrr, rank100,
     * rank100_percent, users.
     *
     * @throws IllegalStateException when no row was added (a mean over no users is not a number a caller should
     *                               record)
     */
    public Map<String, Double> summary() {
        if (users == 0) {
            throw new IllegalStateException("no users were evaluated");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < CUTOFFS.length; c++) {
            out.put("ndcg" + CUTOFFS[c], ndcgSums[c] / users);
        }
        for (int c = 0; c < CUTOFFS.length; c++) {
            out.put("hit" + CUTOFFS[c], (double) hitCounts[c] / users);
        }
        out.put(MRR, reciprocalRankSum / users);
        out.put(RANK100, (double) rank100Count);
        out.put(RANK100_PERCENT, PERCENT * rank100Count / users);
        out.put(USERS, (double) users);
        return Collections.unmodifiableMap(out);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }
}
