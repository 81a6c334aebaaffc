package org.bert4rec.train.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopItemsTest {
    private static final int ITEMS = 120;

    @Test
    void matchesSortingEveryCandidate() {
        Random random = new Random(5);
        for (boolean excludeSeen : new boolean[] {false, true}) {
            TopItems top = new TopItems(1, ITEMS, 10, excludeSeen);
            int[] ids = new int[10];
            float[] scores = new float[10];
            for (int trial = 0; trial < 300; trial++) {
                float[] s = new float[ITEMS + 4];
                for (int i = 0; i < s.length; i++) {
                    s[i] = random.nextInt(30);
                }
                s[0] = 1000f; // padding and special tokens: never chosen
                s[ITEMS + 2] = 1000f;
                int[] seen = random.ints(random.nextInt(40), 0, ITEMS + 4).toArray();
                int[] expected = IntStream.rangeClosed(1, ITEMS)
                        .filter(id -> !excludeSeen || Arrays.stream(seen).noneMatch(x -> x == id)).boxed()
                        .sorted(Comparator.comparingDouble((Integer id) -> -s[id]).thenComparing(id -> id))
                        .limit(10).mapToInt(Integer::intValue).toArray();
                int n = top.select(s, 0, seen, ids, scores);
                assertEquals(10, n);
                assertArrayEquals(expected, ids, "excludeSeen " + excludeSeen + " trial " + trial);
                for (int i = 0; i < n; i++) {
                    assertEquals(s[ids[i]], scores[i]);
                }
            }
        }
    }

    @Test
    void fewerCandidatesThanKGivesAllOfThem() {
        TopItems top = new TopItems(1, 3, 100, true);
        int[] ids = new int[top.capacity()];
        float[] scores = new float[top.capacity()];
        int n = top.select(new float[] {0, 1, 2, 3, 0, 0, 0}, 0, new int[] {2}, ids, scores);
        assertEquals(2, n);
        assertArrayEquals(new int[] {3, 1}, Arrays.copyOf(ids, n));
    }
}
