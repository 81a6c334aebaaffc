package org.bert4rec.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bert4rec.model.layers.Parameter;
import org.bert4rec.model.layers.SequenceLayout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written backward passes against central finite differences of the loss, in double precision, for
 * entries of every parameter of a tiny model (padding, a zero-weight prediction and packing all present).
 */
class GradientCheckTest {
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-5;
    private static final double ABSOLUTE_SLACK = 1e-9;
    private static final int ENTRIES_PER_PARAMETER = 5;

    @Test
    void everyParameterGradientMatchesFiniteDifferencesWithoutDropout() {
        check(0.0, false);
    }

    @Test
    void gradientsWithDropoutMatchFiniteDifferencesUnderTheSameMasks() {
        check(0.3, true);
    }

    private static void check(double dropout, boolean dropoutOn) {
        Bert4RecConfig config = TinyModels.config(13, 8, 2, 2, 12, 7, dropout);
        Random r = new Random(3);
        // more rows than one attention chunk holds, so that chunking is exercised as well
        ModelBatch batch = TinyModels.randomBatch(r, SequenceLayout.CHUNK_SEQUENCES + 3, 7, 3, 13);
        try (Bert4RecModel model = Bert4RecModel.initialize(config, TinyModels.hyper(1e-3, 10, 0), 11,
                DataType.DOUBLE)) {
            // larger weights than BERT's 0.02 so that every path carries a gradient well above round-off
            for (Parameter p : model.parameters()) {
                if (p.decayed()) {
                    p.value().muli(20);
                } else {
                    p.value().addi(org.nd4j.linalg.factory.Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5)
                            .muli(0.4));
                }
            }
            model.forwardBackward(batch, dropoutOn);
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (Parameter p : model.parameters()) {
                INDArray analytic = p.grad().dup();
                INDArray flat = p.value().reshape(p.value().length());
                long n = flat.length();
                for (int k = 0; k < Math.min(n, ENTRIES_PER_PARAMETER); k++) {
                    long i = n <= ENTRIES_PER_PARAMETER ? k : (long) (r.nextDouble() * n);
                    double original = flat.getDouble(i);
                    flat.putScalar(i, original + STEP);
                    double plus = model.forwardLoss(batch, dropoutOn).loss();
                    flat.putScalar(i, original - STEP);
                    double minus = model.forwardLoss(batch, dropoutOn).loss();
                    flat.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * STEP);
                    double a = analytic.reshape(n).getDouble(i);
                    double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-12);
                    if (rel > MAX_RELATIVE_ERROR && Math.abs(a - numeric) > ABSOLUTE_SLACK) {
                        failures.add(p.name() + "[" + i + "]: analytic " + a + " numeric " + numeric);
                    }
                    checked++;
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " entries differ: " + failures);
        }
    }
}
