package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT4Rec's masked-LM loss, fused with its gradient: softmax cross-entropy per predicted position, weighted by
 * {@code masked_lm_weights}, divided by (Σ weights + 1e-5) as in the original {@code get_masked_lm_output}.
 *
 * <p>The logits array [M, V] is turned into probabilities and then into the gradient in place, so the only
 * vocabulary-wide array is the one the product wrote: on a 54,546-item catalogue that is the difference between one
 * and several 1.7 GB temporaries per step.
 */
public final class MaskedLmLoss {
    /** The original's guard against an all-zero weight batch. */
    public static final double WEIGHT_SUM_EPSILON = 1e-5;
    /** Floor for a label probability so that an underflowed softmax gives a finite loss. */
    private static final double MIN_PROBABILITY = Float.MIN_VALUE;

    private MaskedLmLoss() {
    }

    /** Loss sums of one batch: weighted cross-entropy sum, weighted correct-prediction sum, weight sum. */
    public record Sums(double lossSum, double correctSum, double weightSum) {
        public double loss() {
            return lossSum / (weightSum + WEIGHT_SUM_EPSILON);
        }
    }

    /**
     * Computes the loss sums for logits [M, V]; when {@code gradient}, leaves ∂loss/∂logits in {@code logits},
     * otherwise leaves the probabilities there.
     *
     * @param labels  [M] item ids
     * @param weights [M] masked_lm_weights
     */
    public static Sums apply(INDArray logits, int[] labels, double[] weights, boolean gradient) {
        return apply(logits, labels, weights, gradient, sum(weights) + WEIGHT_SUM_EPSILON);
    }

    /**
     * As above, with the gradient divided by {@code denominator} instead of this batch's (Σ weights + 1e-5): a part
     * of a larger batch passes the whole batch's, so that the parts' gradients add up to the batch's.
     */
    public static Sums apply(INDArray logits, int[] labels, double[] weights, boolean gradient, double denominator) {
        int m = labels.length;
        long vocab = logits.size(1);
        double weightSum = sum(weights);
        INDArray predicted = Nd4j.argMax(logits, 1);                              // [M]
        Nd4j.exec(new SoftMax(logits, logits, -1));
        double lossSum = 0;
        double correctSum = 0;
        for (int i = 0; i < m; i++) {
            long at = i * vocab + labels[i];
            double p = HostLoops.get(logits, at);
            lossSum -= weights[i] * Math.log(Math.max(p, MIN_PROBABILITY));
            if (predicted.getLong(i) == labels[i]) {
                correctSum += weights[i];
            }
            if (gradient) {
                HostLoops.put(logits, at, p - 1.0);
            }
        }
        if (gradient) {
            double[] scale = new double[m];
            for (int i = 0; i < m; i++) {
                scale[i] = weights[i] / denominator;
            }
            logits.muliColumnVector(Nd4j.createFromArray(scale).castTo(logits.dataType()).reshape(m, 1));
        }
        return new Sums(lossSum, correctSum, weightSum);
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
