package org.bert4rec.train.inference;

import org.bert4rec.train.metrics.TopKSelector;

/**
 * Chooses a row's K best items: candidates are the real item ids {@code firstItem..lastItem} (never padding or
 * special tokens), optionally without the items already in the row's input; best score first, equal scores by
 * smaller id (the more popular item in the FreqVocab layout). NaN scores come last.
 *
 * <p>Reuses its buffers: one instance per thread.
 */
public final class TopItems {
    private final int firstItem;
    private final int lastItem;
    private final boolean excludeSeen;
    private final TopKSelector selector;
    private final int[] seenStamp;
    private final double[] keys;
    private int stamp;

    public TopItems(int firstItem, int lastItem, int k, boolean excludeSeen) {
        if (firstItem < 0 || lastItem < firstItem) {
            throw new IllegalArgumentException("item ids must satisfy 0 <= first <= last, got " + firstItem + ".."
                    + lastItem);
        }
        this.firstItem = firstItem;
        this.lastItem = lastItem;
        this.excludeSeen = excludeSeen;
        this.selector = new TopKSelector(Math.min(k, lastItem - firstItem + 1));
        this.seenStamp = new int[lastItem + 1];
        this.keys = new double[Math.min(k, lastItem - firstItem + 1)];
    }

    /** The most items {@link #select} returns. */
    public int capacity() {
        return keys.length;
    }

    /**
     * Writes the best ids into {@code outIds} and their scores into {@code outScores} (both of length at least
     * {@link #capacity()}), best first; returns how many (fewer than K only when fewer candidates remain).
     *
     * @param scores scores, item {@code i}'s at {@code scores[offset + i]}
     * @param seen   ids of the row's input (any order, non-item ids allowed), skipped when excluding seen items
     */
    public int select(float[] scores, int offset, int[] seen, int[] outIds, float[] outScores) {
        stamp++;
        if (excludeSeen && seen != null) {
            for (int id : seen) {
                if (id >= firstItem && id <= lastItem) {
                    seenStamp[id] = stamp;
                }
            }
        }
        selector.reset();
        for (int id = firstItem; id <= lastItem; id++) {
            if (!excludeSeen || seenStamp[id] != stamp) {
                selector.offer(id, scores[offset + id]);
            }
        }
        int n = selector.drainSorted(outIds, keys);
        for (int i = 0; i < n; i++) {
            outScores[i] = scores[offset + outIds[i]];
        }
        return n;
    }
}
