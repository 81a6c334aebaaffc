package org.bert4rec.train.metrics;

import java.util.Arrays;

/**
 * Gives the true next item of one row its rank among the candidates of a {@link RankingProtocol}.
 *
 * <p>The rank is the number of other candidates whose score is at least the true item's: 0 is a perfect hit, and
 * ties count against the model. A NaN score never helps the model: a NaN candidate counts as scoring at least the
 * true item, and a NaN true item is beaten by every candidate. Full ranking is one pass over the row's scores with no
 * sorting, which is what makes evaluating every user on every item cheap next to the model's forward pass.
 *
 * <p>Immutable and safe to share between threads; {@link #sampledCandidates} allocates its own scratch space.
 */
public final class TargetRanker {
    private final RankingProtocol protocol;
    private final NegativeSampler sampler;

    /**
     * @param protocol   the candidates
     * @param popularity occurrence count per item id (index = id), needed only for popularity-sampled negatives;
     *                   may be null otherwise
     */
    public TargetRanker(RankingProtocol protocol, long[] popularity) {
        this.protocol = protocol;
        this.sampler = protocol.sampled() ? new NegativeSampler(protocol, popularity) : null;
    }

    public RankingProtocol protocol() {
        return protocol;
    }

    /**
     * The rank of {@code target}.
     *
     * @param scores    scores, the score of item id {@code i} at {@code scores[offset + i]} (a row of logits over
     *                  the whole vocabulary)
     * @param offset    where the row starts in {@code scores}
     * @param target    the true item id, within the protocol's candidate ids
     * @param seen      the ids in the row's input (any order, duplicates and non-item ids allowed); used only when
     *                  the protocol excludes seen items; may be null
     * @param sampleKey identifies the row for sampled negatives (its ordinal); ignored for full ranking
     */
    public int rank(float[] scores, int offset, int target, int[] seen, long sampleKey) {
        checkTarget(target);
        float t = scores[offset + target];
        int[] excluded = protocol.excludeSeen() ? distinctCandidates(seen, target) : new int[0];
        if (sampler != null) {
            int[] negatives = sampler.sample(sampleKey, target, excluded, new TopKSelector(protocol.sampledNegatives()));
            int rank = 0;
            for (int id : negatives) {
                rank += atLeast(scores[offset + id], t);
            }
            return rank;
        }
        int rank = 0;
        int from = offset + protocol.firstItem();
        int to = offset + protocol.lastItem();
        for (int i = from; i <= to; i++) {
            rank += atLeast(scores[i], t);
        }
        rank -= 1; // the target itself: atLeast(t, t) is 1 for every t, NaN included
        for (int id : excluded) {
            rank -= atLeast(scores[offset + id], t);
        }
        return rank;
    }

    /**
     * The candidates of one row that were not excluded, in id order: the sampled negatives plus the target, or for
     * full ranking every candidate id minus the excluded ones. For reports such as {@code --save_predictions_file};
     * the rank itself never needs this list.
     */
    public int[] candidates(int target, int[] seen, long sampleKey) {
        checkTarget(target);
        int[] excluded = protocol.excludeSeen() ? distinctCandidates(seen, target) : new int[0];
        if (sampler != null) {
            int[] negatives = sampler.sample(sampleKey, target, excluded, new TopKSelector(protocol.sampledNegatives()));
            int[] all = Arrays.copyOf(negatives, negatives.length + 1);
            all[negatives.length] = target;
            Arrays.sort(all);
            return all;
        }
        int[] all = new int[protocol.itemCount() - excluded.length];
        int n = 0;
        int e = 0;
        for (int id = protocol.firstItem(); id <= protocol.lastItem(); id++) {
            if (e < excluded.length && excluded[e] == id) {
                e++;
            } else {
                all[n++] = id;
            }
        }
        return all;
    }

    /** 1 when candidate score {@code s} counts against a true item scoring {@code t}: s >= t, or either is NaN. */
    private static int atLeast(float s, float t) {
        return s < t ? 0 : 1;
    }

    private void checkTarget(int target) {
        if (target < protocol.firstItem() || target > protocol.lastItem()) {
            throw new IllegalArgumentException("true item id " + target + " is not a candidate ("
                    + protocol.firstItem() + ".." + protocol.lastItem() + ")");
        }
    }

    /** The distinct ids of {@code seen} that are candidates other than {@code target}, ascending. */
    private int[] distinctCandidates(int[] seen, int target) {
        if (seen == null || seen.length == 0) {
            return new int[0];
        }
        int[] sorted = seen.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            int id = sorted[i];
            boolean candidate = id >= protocol.firstItem() && id <= protocol.lastItem() && id != target;
            if (candidate && (n == 0 || sorted[n - 1] != id)) {
                sorted[n++] = id;
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
