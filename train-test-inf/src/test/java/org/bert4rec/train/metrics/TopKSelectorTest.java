package org.bert4rec.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKSelectorTest {
    @Test
    void matchesAFullSortWithTiesBrokenBySmallerId() {
        Random random = new Random(3);
        TopKSelector selector = new TopKSelector(25);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(120);
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(8) == 0 ? Double.NaN : random.nextInt(30);
            }
            int[] order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> Double.isNaN(keys[i])
                            ? Double.NEGATIVE_INFINITY : keys[i]).reversed().thenComparing(i -> i))
                    .mapToInt(Integer::intValue).limit(25).toArray();
            // offer in a shuffled order: the result must not depend on it
            int[] offers = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = offers[i];
                offers[i] = offers[j];
                offers[j] = t;
            }
            for (int id : offers) {
                selector.offer(id, keys[id]);
            }
            int[] ids = new int[25];
            int got = selector.drainSorted(ids, null);
            assertEquals(order.length, got);
            assertArrayEquals(order, java.util.Arrays.copyOf(ids, got));
            assertEquals(0, selector.size());
        }
    }
}
