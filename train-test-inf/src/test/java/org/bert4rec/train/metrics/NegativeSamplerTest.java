package org.bert4rec.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {
    private static final int ITEMS = 500;

    private static long[] zipfCounts() {
        long[] counts = new long[ITEMS + 4];
        for (int id = 1; id <= ITEMS; id++) {
            counts[id] = 10_000 / id;
        }
        return counts;
    }

    private static NegativeSampler sampler(NegativeSampling how, boolean excludeSeen, int n, long[] counts) {
        return new NegativeSampler(RankingProtocol.fullRanking(1, ITEMS).withExcludeSeen(excludeSeen)
                .withSampledNegatives(n, how, 99), counts);
    }

    @Test
    void popularitySamplingWithoutCountsIsRefusedNotPerfect() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> sampler(NegativeSampling.POPULARITY, false, 100, new long[ITEMS + 4]));
        assertTrue(e.getMessage().contains("--sampling uniform"), e.getMessage());
    }

    @Test
    void neverSamplesTheTargetNorExcludedSeenItemsAndNeverRepeats() {
        // The most popular items are the target and the seen ones: the sampler would love to draw them.
        int target = 1;
        int[] seen = {2, 3, 4, 5, 6};
        for (NegativeSampling how : NegativeSampling.values()) {
            NegativeSampler s = sampler(how, true, 100, zipfCounts());
            for (long key = 0; key < 300; key++) {
                int[] negatives = s.sample(key, target, seen, new TopKSelector(100));
                assertEquals(100, negatives.length);
                assertEquals(100, Arrays.stream(negatives).distinct().count());
                for (int id : negatives) {
                    assertTrue(id >= 1 && id <= ITEMS, "candidate id " + id);
                    assertNotEquals(target, id);
                    assertTrue(Arrays.binarySearch(seen, id) < 0, "seen item " + id + " sampled");
                }
            }
        }
    }

    @Test
    void withoutExclusionSeenItemsMayBeSampled() {
        NegativeSampler s = sampler(NegativeSampling.POPULARITY, false, 100, zipfCounts());
        int[] negatives = s.sample(3, 1, new int[] {2}, new TopKSelector(100));
        assertTrue(Arrays.binarySearch(negatives, 2) >= 0, "item 2 is the most popular negative");
    }

    @Test
    void sameKeySameSampleOtherKeyOtherSample() {
        NegativeSampler s = sampler(NegativeSampling.POPULARITY, false, 50, zipfCounts());
        int[] a = s.sample(17, 9, new int[0], new TopKSelector(50));
        assertArrayEquals(a, sampler(NegativeSampling.POPULARITY, false, 50, zipfCounts())
                .sample(17, 9, new int[0], new TopKSelector(50)));
        assertNotEquals(Arrays.toString(a), Arrays.toString(s.sample(18, 9, new int[0], new TopKSelector(50))));
    }

    @Test
    void popularityDrawsInProportionToCounts() {
        long[] counts = new long[ITEMS + 4];
        counts[10] = 3;
        counts[20] = 1; // every other item has count 0 and is never eligible
        NegativeSampler s = sampler(NegativeSampling.POPULARITY, false, 1, counts);
        int draws = 20_000;
        int tens = 0;
        for (long key = 0; key < draws; key++) {
            int[] one = s.sample(key, 30, new int[0], new TopKSelector(1));
            assertEquals(1, one.length);
            assertTrue(one[0] == 10 || one[0] == 20, "drew zero-count item " + one[0]);
            tens += one[0] == 10 ? 1 : 0;
        }
        assertEquals(0.75, (double) tens / draws, 0.015);
        // fewer eligible items than asked for: all of them, once
        assertArrayEquals(new int[] {10, 20}, sampler(NegativeSampling.POPULARITY, false, 5, counts)
                .sample(0, 30, new int[0], new TopKSelector(5)));
    }

    @Test
    void uniformDrawsEveryItemEquallyOften() {
        NegativeSampler s = sampler(NegativeSampling.UNIFORM, false, 10, null);
        int[] hits = new int[ITEMS + 1];
        int rows = 10_000;
        for (long key = 0; key < rows; key++) {
            for (int id : s.sample(key, 1, new int[0], new TopKSelector(10))) {
                hits[id]++;
            }
        }
        double expected = rows * 10.0 / (ITEMS - 1);
        assertEquals(0, hits[1]);
        for (int id = 2; id <= ITEMS; id++) {
            assertEquals(expected, hits[id], 6 * Math.sqrt(expected), "item " + id);
        }
    }
}
