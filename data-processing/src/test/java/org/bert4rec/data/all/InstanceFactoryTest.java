package org.bert4rec.data.all;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.SplitMix64;
import org.junit.jupiter.api.Test;

class InstanceFactoryTest {
    static final int MASK = 1002;

    static InstanceFactory factory(double maskedLmProb, double maskProb) {
        return new InstanceFactory(12, 4, maskedLmProb, maskProb, 1000, MASK);
    }

    @Test
    void numToPredictRoundsHalfToEvenAndIsCapped() {
        InstanceFactory f = factory(0.25, 1.0);
        assertEquals(1, f.numToPredict(1)); // round(0.25) = 0 -> at least 1
        assertEquals(2, f.numToPredict(10)); // round(2.5) = 2 (half to even, as Python)
        assertEquals(4, f.numToPredict(14)); // round(3.5) = 4
        assertEquals(3, f.numToPredict(11)); // round(2.75) = 3
        assertEquals(3, f.numToPredict(12)); // round(3.0) = 3
        assertEquals(4, f.numToPredict(100)); // capped at max_predictions_per_seq
    }

    @Test
    void randomMaskingMasksExactlyTheChosenPositionsWithTheirLabels() {
        InstanceFactory f = factory(0.3, 1.0);
        int[] chain = {0, 0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}; // window starts at 2, 10 items
        for (int seed = 0; seed < 200; seed++) {
            MaskedLmInstance m = copy(f.randomMasking(7, chain, 2, 10, new SplitMix64(seed)));
            int k = 3; // round(10 * 0.3)
            assertEquals(7, m.info());
            assertEquals(k, m.numPredictions());
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int p = m.maskedLmPositions()[i];
                assertTrue(p >= 0 && p < 10 && seen.add(p), "distinct positions in the window");
                if (i > 0) {
                    assertTrue(p > m.maskedLmPositions()[i - 1], "ascending positions");
                }
                assertEquals(chain[2 + p], m.maskedLmIds()[i], "label is the original item");
                assertEquals(MASK, m.inputIds()[p]);
                assertEquals(1f, m.maskedLmWeights()[i]);
            }
            for (int i = k; i < 4; i++) {
                assertEquals(0, m.maskedLmPositions()[i]);
                assertEquals(0, m.maskedLmIds()[i]);
                assertEquals(0f, m.maskedLmWeights()[i]);
            }
            for (int p = 0; p < 10; p++) {
                if (!seen.contains(p)) {
                    assertEquals(chain[2 + p], m.inputIds()[p]);
                }
                assertEquals(1, m.inputMask()[p]);
            }
            assertArrayEquals(new int[] {0, 0}, Arrays.copyOfRange(m.inputIds(), 10, 12), "padding id 0");
            assertArrayEquals(new int[] {0, 0}, Arrays.copyOfRange(m.inputMask(), 10, 12));
        }
    }

    @Test
    void positionsAreUniformAndMaskProbZeroKeepsOrRandomisesHalfAndHalf() {
        InstanceFactory f = factory(0.2, 0.0);
        int[] chain = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        int[] hits = new int[10];
        int kept = 0;
        int total = 0;
        for (int seed = 0; seed < 20_000; seed++) {
            MaskedLmInstance m = f.randomMasking(0, chain, 0, 10, new SplitMix64(seed));
            for (int i = 0; i < 2; i++) {
                int p = m.maskedLmPositions()[i];
                hits[p]++;
                total++;
                int shown = m.inputIds()[p];
                assertTrue(shown != MASK && shown >= 1 && shown <= 1000);
                if (shown == chain[p]) {
                    kept++;
                }
            }
        }
        for (int h : hits) {
            assertEquals(4000, h, 250, "each position chosen 2/10 of the time");
        }
        // kept: 1/2, plus a random replacement that happens to equal the item (1/1000 of the other half)
        assertEquals(0.5, kept / (double) total, 0.02);
    }

    @Test
    void maskLastMasksOnlyTheLastItem() {
        InstanceFactory f = factory(0.2, 1.0);
        MaskedLmInstance m = f.maskLast(3, new int[] {5, 6, 7, 8}, 1, 3);
        assertArrayEquals(new int[] {6, 7, MASK, 0, 0, 0, 0, 0, 0, 0, 0, 0}, m.inputIds());
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, m.inputMask());
        assertArrayEquals(new int[] {2, 0, 0, 0}, m.maskedLmPositions());
        assertArrayEquals(new int[] {8, 0, 0, 0}, m.maskedLmIds());
        assertArrayEquals(new float[] {1, 0, 0, 0}, m.maskedLmWeights());
    }

    static MaskedLmInstance copy(MaskedLmInstance m) {
        return new MaskedLmInstance(m.info(), m.inputIds().clone(), m.inputMask().clone(),
                m.maskedLmPositions().clone(), m.maskedLmIds().clone(), m.maskedLmWeights().clone());
    }
}
