package org.bert4rec.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {

    static DemoDataSpec spec(long seed) {
        return new DemoDataSpec(1500, 300, 10, 60, 0.15, seed);
    }

    @Test
    void successorIsAPermutationWithoutFixedPoints() {
        for (int n : new int[] {10, 300, 343, 1000}) {
            Set<Integer> images = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                int s = DemoDataGenerator.successor(i, n);
                assertTrue(s >= 1 && s <= n && s != i);
                images.add(s);
            }
            assertEquals(n, images.size(), "bijective for n = " + n);
        }
        assertEquals(14, DemoDataGenerator.successor(1, 300)); // (7 * 0 + 13) % 300 + 1
    }

    @Test
    void chainsFollowTheRuleAboutOneMinusNoiseOfTheTime() {
        int[][] chains = DemoDataGenerator.chains(spec(1));
        assertEquals(1500, chains.length);
        long steps = 0;
        long follow = 0;
        for (int[] c : chains) {
            assertTrue(c.length >= 10 && c.length <= 60);
            for (int k = 1; k < c.length; k++) {
                steps++;
                if (c[k] == DemoDataGenerator.successor(c[k - 1], 300)) {
                    follow++;
                }
            }
        }
        // 85% by the rule, plus noise draws that happen to hit the successor
        double share = follow / (double) steps;
        assertTrue(share > 0.84 && share < 0.88, "share following the rule: " + share);
    }

    @Test
    void popularitySkewFavoursLowIds() {
        int[] counts = new int[301];
        for (int[] c : DemoDataGenerator.chains(spec(2))) {
            counts[c[0]]++;
        }
        assertTrue(counts[1] > 5 * counts[50], "item 1 starts chains far more often than item 50");
    }

    @Test
    void seededAndWrittenAsTheSeedsCsv(@TempDir Path dir) throws Exception {
        assertArrayEquals(DemoDataGenerator.chains(spec(3))[7], DemoDataGenerator.chains(spec(3))[7]);
        assertNotEquals(DemoDataGenerator.chains(spec(3))[7][0] + "," + DemoDataGenerator.chains(spec(3))[8][0],
                DemoDataGenerator.chains(spec(4))[7][0] + "," + DemoDataGenerator.chains(spec(4))[8][0]);
        Path csv = dir.resolve("demo_train_val_test.csv");
        DemoDataGenerator.write(csv, new DemoDataSpec(3, 20, 3, 4, 0, 5));
        String[] lines = Files.readString(csv).split("\n");
        assertEquals("uid,sid_add_to_cart", lines[0]);
        assertEquals(4, lines.length);
        String[] items = lines[1].split(",")[1].split(" ");
        for (int k = 1; k < items.length; k++) {
            assertEquals(DemoDataGenerator.successor(Integer.parseInt(items[k - 1]), 20), Integer.parseInt(items[k]));
        }
    }

    @Test
    void theLastItemIsPredictableButNotByPopularity() {
        int[][] chains = DemoDataGenerator.chains(spec(1));
        int[] counts = new int[301];
        for (int[] c : chains) {
            for (int k = 0; k < c.length - 1; k++) {
                counts[c[k]]++;
            }
        }
        Integer[] byCount = new Integer[300];
        for (int i = 0; i < 300; i++) {
            byCount[i] = i + 1;
        }
        java.util.Arrays.sort(byCount, (a, b) -> counts[b] - counts[a]);
        Set<Integer> top10 = new HashSet<>(java.util.Arrays.asList(byCount).subList(0, 10));
        int popHits = 0;
        int ruleHits = 0;
        for (int[] c : chains) {
            int last = c[c.length - 1];
            popHits += top10.contains(last) ? 1 : 0;
            ruleHits += last == DemoDataGenerator.successor(c[c.length - 2], 300) ? 1 : 0;
        }
        double popHr10 = popHits / 1500.0;
        double ruleHr1 = ruleHits / 1500.0;
        assertTrue(popHr10 < 0.3, "most-popular HR@10 " + popHr10);
        assertTrue(ruleHr1 > 3 * popHr10, "the rule beats popularity by a wide margin");
        assertTrue(ruleHr1 > 0.8, "successor-rule HR@1 " + ruleHr1);
    }
}
