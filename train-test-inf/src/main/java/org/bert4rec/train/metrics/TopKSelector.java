package org.bert4rec.train.metrics;

/**
 * Keeps the {@code k} best (id, key) pairs seen so far: highest key first, and on equal keys the smaller id first, so
 * that the order never depends on the order of offers.
 *
 * <p>A bounded min-heap on primitive arrays: choosing the top 100 of 3,416 items costs one comparison for most
 * items and no allocation, which is what keeps inference for every user cheap. Reusable through {@link #reset()}.
 */
public final class TopKSelector {
    private final int capacity;
    private final int[] ids;
    private final double[] keys;
    private int size;

    public TopKSelector(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.capacity = k;
        this.ids = new int[k];
        this.keys = new double[k];
    }

    /** Forgets every offer. */
    public void reset() {
        size = 0;
    }

    /** The number of pairs kept (at most k). */
    public int size() {
        return size;
    }

    /** Offers a pair; keeps it when it is among the k best so far. NaN keys rank below every number. */
    public void offer(int id, double key) {
        double k = Double.isNaN(key) ? Double.NEGATIVE_INFINITY : key;
        if (size < capacity) {
            ids[size] = id;
            keys[size] = k;
            siftUp(size++);
        } else if (better(id, k, ids[0], keys[0])) {
            ids[0] = id;
            keys[0] = k;
            siftDown(0);
        }
    }

    /**
     * Writes the kept ids best first into {@code outIds} and their keys into {@code outKeys} (either may be null)
     * and returns how many there are. The selector is emptied.
     */
    public int drainSorted(int[] outIds, double[] outKeys) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            if (outIds != null) {
                outIds[i] = ids[0];
            }
            if (outKeys != null) {
                outKeys[i] = keys[0];
            }
            size--;
            ids[0] = ids[size];
            keys[0] = keys[size];
            siftDown(0);
        }
        return n;
    }

    /** Whether (id a, key ka) ranks before (id b, key kb). */
    private static boolean better(int a, double ka, int b, double kb) {
        return ka > kb || (ka == kb && a < b);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(ids[parent], keys[parent], ids[i], keys[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(ids[worst], keys[worst], ids[right], keys[right])) {
                worst = right;
            }
            if (!better(ids[i], keys[i], ids[worst], keys[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        double k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
    }
}
