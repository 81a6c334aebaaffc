package org.bert4rec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchSplitTest {
    private static final Bert4RecConfig ML1M = TinyModels.config(3420, 64, 2, 2, 256, 200, 0.1);

    private static double load(ModelBatch batch, int[] rows) {
        return Arrays.stream(rows).mapToDouble(r -> BatchSplit.cost(batch, r, ML1M)).sum();
    }

    @Test
    void everyRowGoesToOnePartAndPartSizesDifferByAtMostOne() {
        Random r = new Random(3);
        for (int size : new int[] {1, 2, 5, 64, 127, 128}) {
            for (int parts = 1; parts <= Math.min(size, 3); parts++) {
                ModelBatch batch = TinyModels.randomBatch(r, size, 200, 40, 3420);
                int[][] split = BatchSplit.balanced(batch, parts, ML1M);
                assertEquals(parts, split.length);
                int[] all = Arrays.stream(split).flatMapToInt(Arrays::stream).sorted().toArray();
                int[] expected = new int[size];
                Arrays.setAll(expected, i -> i);
                assertArrayEquals(expected, all, size + " rows in " + parts + " parts");
                int min = Arrays.stream(split).mapToInt(p -> p.length).min().orElseThrow();
                int max = Arrays.stream(split).mapToInt(p -> p.length).max().orElseThrow();
                assertTrue(max - min <= 1, size + " rows in " + parts + " parts: sizes " + min + ".." + max);
                for (int[] p : split) {
                    int[] sorted = p.clone();
                    Arrays.sort(sorted);
                    assertArrayEquals(sorted, p, "rows ascending within a part");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> BatchSplit.balanced(
                TinyModels.randomBatch(r, 2, 8, 2, 10), 3, ML1M));
    }

    @Test
    void partsCarryNearlyEqualWorkWhereHalvesByRowOrderDoNot() {
        // the long rows first: halves by row order put all of them in part 0
        ModelBatch batch = ModelBatch.zeros(128, 200, 40);
        Random r = new Random(5);
        for (int b = 0; b < 128; b++) {
            int len = b < 64 ? 150 + r.nextInt(51) : 5 + r.nextInt(60);
            for (int p = 0; p < len; p++) {
                batch.inputIds()[b * 200 + p] = 1 + r.nextInt(3416);
                batch.inputMask()[b * 200 + p] = 1;
            }
        }
        int[] firstHalf = new int[64];
        int[] secondHalf = new int[64];
        Arrays.setAll(firstHalf, i -> i);
        Arrays.setAll(secondHalf, i -> 64 + i);
        assertTrue(load(batch, firstHalf) > 3 * load(batch, secondHalf), "the test's premise");
        int[][] split = BatchSplit.balanced(batch, 2, ML1M);
        double a = load(batch, split[0]);
        double b = load(batch, split[1]);
        assertTrue(Math.abs(a - b) / (a + b) < 0.01, "balanced within 1 %: " + a + " vs " + b);
        assertArrayEquals(split[0], BatchSplit.balanced(batch, 2, ML1M)[0], "the split depends on the batch only");
    }

    @Test
    void costGrowsWithLengthAndPredictionsAsTheLayersDo() {
        ModelBatch batch = ModelBatch.zeros(3, 200, 40);
        for (int p = 0; p < 100; p++) {
            batch.inputMask()[p] = 1;
            batch.inputMask()[200 + p] = 1;
        }
        batch.maskedWeights()[40] = 1f; // row 1: one prediction, at position 150, past its last real token
        batch.maskedPositions()[40] = 150;
        double h = 64;
        double perToken = 4 * h * h + 2 * h * 256;
        assertEquals(100 * (perToken + 2 * h * 100), BatchSplit.cost(batch, 0, ML1M), 1e-6);
        assertEquals(151 * (perToken + 2 * h * 151) + 3420 * h / 2, BatchSplit.cost(batch, 1, ML1M), 1e-6);
        assertEquals(perToken + 2 * h, BatchSplit.cost(batch, 2, ML1M), 1e-6, "an empty row counts one token");
    }

    @Test
    void selectCopiesTheGivenRows() {
        ModelBatch batch = TinyModels.randomBatch(new Random(9), 6, 7, 3, 50);
        ModelBatch picked = batch.select(new int[] {1, 2, 3});
        ModelBatch range = batch.rows(1, 4);
        assertArrayEquals(range.inputIds(), picked.inputIds());
        assertArrayEquals(range.inputMask(), picked.inputMask());
        assertArrayEquals(range.maskedPositions(), picked.maskedPositions());
        assertArrayEquals(range.maskedIds(), picked.maskedIds());
        assertArrayEquals(range.maskedWeights(), picked.maskedWeights());
        ModelBatch two = batch.select(new int[] {5, 0});
        assertArrayEquals(Arrays.copyOfRange(batch.inputIds(), 35, 42), Arrays.copyOfRange(two.inputIds(), 0, 7));
        assertArrayEquals(Arrays.copyOfRange(batch.maskedWeights(), 0, 3),
                Arrays.copyOfRange(two.maskedWeights(), 3, 6));
        assertThrows(IllegalArgumentException.class, () -> batch.select(new int[] {6}));
        assertThrows(IllegalArgumentException.class, () -> batch.select(new int[0]));
    }
}
