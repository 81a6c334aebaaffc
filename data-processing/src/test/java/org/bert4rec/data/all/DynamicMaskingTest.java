package org.bert4rec.data.all;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.SplitMix64;
import org.junit.jupiter.api.Test;

class DynamicMaskingTest {
    static final int MASK = InstanceFactoryTest.MASK;
    static final int[] CHAIN = {0, 0, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}; // window: 10 items from 2

    static DataConfig data(double maskProb) {
        return new DataConfig("p", "train_val_test", 12, 4, 0.3, maskProb, 10, 0.5, 0, 0, 1, 1L, 1004, "p.vocab",
                Map.of());
    }

    /** The window a masked instance stands for: its inputs with every predicted position given its label back. */
    static int[] window(MaskedLmInstance m) {
        int[] w = m.inputIds().clone();
        for (int j = 0; j < m.maskedLmPositions().length; j++) {
            if (m.maskedLmWeights()[j] > 0) {
                w[m.maskedLmPositions()[j]] = m.maskedLmIds()[j];
            }
        }
        return w;
    }

    @Test
    void aFreshMaskingOfTheSameWindowFollowsTheFilesRule() {
        for (double maskProb : new double[] {1.0, 0.0}) {
            InstanceFactory files = InstanceFactoryTest.factory(0.3, maskProb);
            MaskedLmInstance written = InstanceFactoryTest.copy(files.randomMasking(7, CHAIN, 2, 10,
                    new SplitMix64(5)));
            MaskedLmInstance before = InstanceFactoryTest.copy(written);
            DynamicMasking dynamic = new DynamicMasking(data(maskProb), 1000, MASK, 99);
            for (long n = 0; n < 50; n++) {
                MaskedLmInstance m = dynamic.remask(written, n);
                assertEquals(written, before, "the instance read is left as it was");
                assertEquals(7, m.info());
                assertArrayEquals(window(written), window(m), "the same window");
                assertArrayEquals(written.inputMask(), m.inputMask());
                assertEquals(3, m.numPredictions(), "round(10 × 0.3) predictions, as the all stage");
                Set<Integer> chosen = new HashSet<>();
                for (int j = 0; j < 3; j++) {
                    int p = m.maskedLmPositions()[j];
                    assertTrue(p >= 0 && p < 10 && chosen.add(p), "distinct positions in the window");
                    assertTrue(j == 0 || p > m.maskedLmPositions()[j - 1], "ascending");
                    assertEquals(CHAIN[2 + p], m.maskedLmIds()[j], "the label is the item");
                    if (maskProb == 1.0) {
                        assertEquals(MASK, m.inputIds()[p]);
                    }
                }
            }
        }
    }

    @Test
    void theMaskingDependsOnTheReadingOrdinalAndTheSeedOnly() {
        MaskedLmInstance written = InstanceFactoryTest.copy(InstanceFactoryTest.factory(0.3, 1.0)
                .randomMasking(7, CHAIN, 2, 10, new SplitMix64(5)));
        DynamicMasking a = new DynamicMasking(data(1.0), 1000, MASK, 99);
        DynamicMasking b = new DynamicMasking(data(1.0), 1000, MASK, 99);
        Set<String> maskings = new HashSet<>();
        for (long n = 0; n < 40; n++) {
            MaskedLmInstance x = a.remask(written, n);
            assertEquals(x, b.remask(written, n), "same seed and ordinal, same masking");
            maskings.add(Arrays.toString(x.maskedLmPositions()));
        }
        // C(10, 3) = 120 maskings: 40 draws give at least 25 distinct ones unless the draws do not depend on n
        assertTrue(maskings.size() >= 25, maskings.size() + " distinct maskings in 40 readings");
        DynamicMasking other = new DynamicMasking(data(1.0), 1000, MASK, 100);
        int differ = 0;
        for (long n = 0; n < 20; n++) {
            differ += a.remask(written, n).equals(other.remask(written, n)) ? 0 : 1;
        }
        assertTrue(differ >= 15, "another seed draws other maskings (" + differ + " of 20 differ)");
    }

    @Test
    void maskLastInstancesAreKeptAsWritten() {
        MaskedLmInstance last = InstanceFactoryTest.copy(InstanceFactoryTest.factory(0.3, 1.0)
                .maskLast(7, CHAIN, 2, 10));
        DynamicMasking dynamic = new DynamicMasking(data(1.0), 1000, MASK, 99);
        assertSame(last, dynamic.remask(last, 3));
        MaskedLmInstance random = InstanceFactoryTest.copy(InstanceFactoryTest.factory(0.3, 1.0)
                .randomMasking(7, CHAIN, 2, 10, new SplitMix64(5)));
        boolean redrawn = false;
        for (long n = 0; n < 10; n++) {
            redrawn |= !dynamic.remask(random, n).equals(random);
        }
        assertTrue(redrawn, "a random masking is drawn afresh");
    }
}
