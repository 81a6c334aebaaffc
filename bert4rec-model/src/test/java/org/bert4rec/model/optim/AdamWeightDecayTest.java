package org.bert4rec.model.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.model.layers.BufferArena;
import org.bert4rec.model.layers.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimizer against a plain scalar loop of BERT's AdamWeightDecayOptimizer with global-norm clipping. */
class AdamWeightDecayTest {

    @ParameterizedTest(name = "bias correction {0}")
    @ValueSource(booleans = {false, true})
    void matchesTheReferenceLoopWithClippingAndDecayOnlyWhereBertDecays(boolean biasCorrection) {
        Random r = new Random(4);
        double[][] values = {random(r, 6, 1), random(r, 4, 1)};
        boolean[] decayed = {true, false};                     // a kernel, and a LayerNorm gain or bias
        Parameter kernel = parameter("layer.kernel", values[0], true);
        Parameter gamma = parameter("layer_norm.gamma", values[1], false);
        TrainingHyperparams h = TrainingHyperparams.bert(0.1, 100, 0).withBiasCorrection(biasCorrection);
        try (BufferArena arena = new BufferArena(DataType.DOUBLE)) {
            AdamWeightDecay adam = new AdamWeightDecay(List.of(kernel, gamma), h, arena);
            double[][] m = {new double[6], new double[4]};
            double[][] v = {new double[6], new double[4]};
            for (int step = 0; step < 4; step++) {
                // large gradients on even steps (clipped at norm 5), small ones on odd steps (not clipped)
                double size = step % 2 == 0 ? 10 : 0.1;
                double[][] grads = {random(r, 6, size), random(r, 4, size)};
                kernel.grad().assign(Nd4j.createFromArray(grads[0]));
                gamma.grad().assign(Nd4j.createFromArray(grads[1]));
                double lr = 0.1 * (1 - step / 100.0);
                double norm = adam.update(lr, step + 1);
                double sq = 0;
                for (double[] g : grads) {
                    for (double x : g) {
                        sq += x * x;
                    }
                }
                assertEquals(Math.sqrt(sq), norm, 1e-12);
                double clip = 5.0 / Math.max(Math.sqrt(sq), 5.0);
                for (int p = 0; p < 2; p++) {
                    for (int i = 0; i < values[p].length; i++) {
                        double g = grads[p][i] * clip;
                        m[p][i] = 0.9 * m[p][i] + 0.1 * g;
                        v[p][i] = 0.999 * v[p][i] + 0.001 * g * g;
                        double mHat = biasCorrection ? m[p][i] / (1 - Math.pow(0.9, step + 1)) : m[p][i];
                        double vHat = biasCorrection ? v[p][i] / (1 - Math.pow(0.999, step + 1)) : v[p][i];
                        double u = mHat / (Math.sqrt(vHat) + 1e-6);
                        if (decayed[p]) {
                            u += 0.01 * values[p][i];
                        }
                        values[p][i] -= lr * u;
                    }
                }
                assertArrayClose(values[0], kernel.value());
                assertArrayClose(values[1], gamma.value());
            }
        }
    }

    private static Parameter parameter(String name, double[] init, boolean decayed) {
        INDArray value = Nd4j.createFromArray(init.clone());
        return new Parameter(name, value, Nd4j.zeros(DataType.DOUBLE, init.length), decayed);
    }

    private static double[] random(Random r, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * r.nextGaussian();
        }
        return x;
    }

    private static void assertArrayClose(double[] expected, INDArray actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.getDouble(i), 1e-12, "entry " + i);
        }
    }
}
