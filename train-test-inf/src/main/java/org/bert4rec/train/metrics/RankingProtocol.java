package org.bert4rec.train.metrics;

/**
 * Which items a true next item is ranked against.
 *
 * <p>Candidates are the item ids {@code firstItem..lastItem} (in the FreqVocab layout, 1..number of items: padding
 * id 0 and the special tokens after the last item are never candidates). The true item is always a candidate.
 *
 * @param firstItem        the smallest candidate id
 * @param lastItem         the largest candidate id
 * @param excludeSeen      when true, items in the row's input sequence are not candidates (as in some papers); the
 *                         true item stays a candidate even when it was seen before
 * @param sampledNegatives 0 for full ranking; otherwise the number of negatives drawn per row, never the true item
 *                         nor (with {@code excludeSeen}) a seen item
 * @param sampling         how negatives are drawn; ignored for full ranking
 * @param seed             seeds the negatives; each row's draw depends only on this seed and the row's key, so the
 *                         result does not depend on batch size or thread count
 */
public record RankingProtocol(int firstItem, int lastItem, boolean excludeSeen, int sampledNegatives,
                              NegativeSampling sampling, long seed) {

    public RankingProtocol {
        if (firstItem < 0 || lastItem < firstItem) {
            throw new IllegalArgumentException("candidate ids must satisfy 0 <= firstItem <= lastItem, got "
                    + firstItem + ".." + lastItem);
        }
        if (sampledNegatives < 0) {
            throw new IllegalArgumentException("sampledNegatives must be >= 0, got " + sampledNegatives);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("sampling must be given (it is ignored for full ranking)");
        }
    }

    /** Full ranking over {@code firstItem..lastItem}, nothing excluded. */
    public static RankingProtocol fullRanking(int firstItem, int lastItem) {
        return new RankingProtocol(firstItem, lastItem, false, 0, NegativeSampling.POPULARITY, 0L);
    }

    /** This protocol with seen items excluded or not. */
    public RankingProtocol withExcludeSeen(boolean exclude) {
        return new RankingProtocol(firstItem, lastItem, exclude, sampledNegatives, sampling, seed);
    }

    /** This protocol ranking against {@code negatives} negatives drawn by {@code how} with {@code seed}. */
    public RankingProtocol withSampledNegatives(int negatives, NegativeSampling how, long sampleSeed) {
        return new RankingProtocol(firstItem, lastItem, excludeSeen, negatives, how, sampleSeed);
    }

    /** Whether candidates are a sample rather than every item. */
    public boolean sampled() {
        return sampledNegatives > 0;
    }

    /** The number of candidate ids before exclusions. */
    public int itemCount() {
        return lastItem - firstItem + 1;
    }

    /** One line for logs and result files, e.g. "full ranking over items 1..3416, seen items excluded". */
    public String describe() {
        String base = sampled()
                ? sampledNegatives + " " + sampling.name().toLowerCase(java.util.Locale.ROOT)
                        + "-sampled negatives per user (seed " + seed + ") from items " + firstItem + ".." + lastItem
                : "full ranking over items " + firstItem + ".." + lastItem;
        return base + (excludeSeen ? ", seen items excluded" : ", seen items kept as candidates")
                + "; ties count against the model";
    }
}
