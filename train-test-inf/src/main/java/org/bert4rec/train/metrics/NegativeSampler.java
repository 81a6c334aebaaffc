package org.bert4rec.train.metrics;

import java.util.SplittableRandom;
import org.bert4rec.utils.UserInputException;

/**
 * Draws a row's negatives without replacement, by popularity or uniformly, never the true item and, when seen items
 * are excluded, never a seen item.
 *
 * <p>Uses weighted sampling without replacement by keys (Efraimidis &amp; Spirakis, 2006): every eligible item gets
 * the key {@code log(u) / weight} with {@code u} uniform in (0, 1), and the items with the largest keys are the
 * sample. This has the distribution of drawing one item at a time in proportion to weight and removing it, which is
 * what the original BERT4Rec code meant by {@code np.random.choice(..., replace=False, p=popularity)}, in one pass
 * with no retry loop. Each row's random stream is seeded from the protocol's seed and the row's key alone, so the
 * sample does not depend on batch size, thread count or the order rows are processed in.
 */
final class NegativeSampler {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final RankingProtocol protocol;
    private final double[] weights;

    /**
     * @param protocol   the sampled protocol
     * @param popularity occurrence count per id (index = item id), used by popularity sampling; may be null for
     *                   uniform sampling
     */
    NegativeSampler(RankingProtocol protocol, long[] popularity) {
        this.protocol = protocol;
        this.weights = new double[protocol.itemCount()];
        for (int id = protocol.firstItem(); id <= protocol.lastItem(); id++) {
            double w;
            if (protocol.sampling() == NegativeSampling.UNIFORM) {
                w = 1.0;
            } else {
                if (popularity == null || popularity.length <= protocol.lastItem()) {
                    throw new IllegalArgumentException("popularity sampling needs a count for every id up to "
                            + protocol.lastItem());
                }
                w = popularity[id];
            }
            weights[id - protocol.firstItem()] = w;
        }
        double total = java.util.Arrays.stream(weights).sum();
        if (total <= 0) {
            // Without counts no item is eligible: every target would rank first and every metric be perfect.
            throw new UserInputException("--sampling popularity: the vocabulary records no item counts (a seed"
                    + " vocabulary without its counter?), so there is nothing to sample by; use --sampling uniform");
        }
    }

    /**
     * The negatives of one row, at most {@code sampledNegatives}; fewer only when fewer items are eligible (an
     * item with popularity 0 is never eligible).
     *
     * @param key          identifies the row (its ordinal in the file); the same key always gets the same sample
     * @param target       the true item, never drawn
     * @param seenSorted   distinct seen ids in ascending order, never drawn when seen items are excluded; may be
     *                     empty
     * @param selector     scratch space with capacity {@code sampledNegatives}
     */
    int[] sample(long key, int target, int[] seenSorted, TopKSelector selector) {
        SplittableRandom random = new SplittableRandom(mix(protocol.seed() + GOLDEN_GAMMA * (key + 1)));
        selector.reset();
        int seenIndex = 0;
        boolean skipSeen = protocol.excludeSeen();
        for (int id = protocol.firstItem(); id <= protocol.lastItem(); id++) {
            if (skipSeen) {
                while (seenIndex < seenSorted.length && seenSorted[seenIndex] < id) {
                    seenIndex++;
                }
            }
            double w = weights[id - protocol.firstItem()];
            // Draw for every item, eligible or not, so that one row's draws do not depend on its seen set's size.
            double u = 1.0 - random.nextDouble(); // (0, 1]
            if (id == target || w <= 0 || (skipSeen && seenIndex < seenSorted.length && seenSorted[seenIndex] == id)) {
                continue;
            }
            selector.offer(id, Math.log(u) / w);
        }
        int[] out = new int[selector.size()];
        selector.drainSorted(out, null);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Stafford's mix 13 (as in SplittableRandom): spreads nearby seeds over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
