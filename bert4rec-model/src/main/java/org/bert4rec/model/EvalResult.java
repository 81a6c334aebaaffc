package org.bert4rec.model;

import org.bert4rec.model.layers.MaskedLmLoss;

/**
 * Masked-LM loss and accuracy of one batch without dropout, with the sums needed to average over many batches.
 *
 * @param lossSum       sum over masked positions of weight × cross-entropy
 * @param correctSum    sum over masked positions of weight × [top-scored item is the label]
 * @param weightSum     sum of the masked-position weights
 * @param predictions   number of masked positions with a non-zero weight
 */
public record EvalResult(double lossSum, double correctSum, double weightSum, int predictions) {

    /** Weighted mean cross-entropy (BERT4Rec's denominator: sum of weights + 1e-5). */
    public double loss() {
        return lossSum / (weightSum + MaskedLmLoss.WEIGHT_SUM_EPSILON);
    }

    /** Weighted accuracy, 0 when nothing was predicted. */
    public double accuracy() {
        return weightSum > 0 ? correctSum / weightSum : 0;
    }

    /** The sums of two results: for averaging over batches. */
    public EvalResult plus(EvalResult o) {
        return new EvalResult(lossSum + o.lossSum, correctSum + o.correctSum, weightSum + o.weightSum,
                predictions + o.predictions);
    }
}
