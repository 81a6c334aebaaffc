package org.bert4rec.model;

/**
 * The optimiser's settings, as in the original BERT {@code optimization.create_optimizer}: AdamWeightDecay with
 * decoupled weight decay, global-norm clipping, linear warm-up then linear decay to zero at {@code numTrainSteps}.
 *
 * @param learningRate   peak learning rate, reached at the end of the warm-up
 * @param numTrainSteps  step at which the learning rate has decayed to 0
 * @param numWarmupSteps steps of linear warm-up from 0 (0 = none)
 * @param weightDecay    decoupled weight-decay rate (BERT: 0.01), not applied to LayerNorm parameters and biases
 * @param clipNorm       global gradient norm above which gradients are rescaled (BERT4Rec: 5.0)
 * @param beta1          Adam's first-moment decay (0.9)
 * @param beta2          Adam's second-moment decay (0.999)
 * @param epsilon        Adam's denominator epsilon (BERT: 1e-6)
 * @param biasCorrection Adam's bias correction of m and v (Kingma &amp; Ba; PyTorch's AdamW). BERT omits it, which
 *                       makes early updates up to several times larger than the learning rate says; see
 *                       docs/MODEL.md
 */
public record TrainingHyperparams(double learningRate, long numTrainSteps, long numWarmupSteps, double weightDecay,
        double clipNorm, double beta1, double beta2, double epsilon, boolean biasCorrection) {

    /** BERT's weight-decay rate. */
    public static final double BERT_WEIGHT_DECAY = 0.01;
    /** BERT4Rec's global-norm clip. */
    public static final double BERT4REC_CLIP_NORM = 5.0;
    /** Adam's first-moment decay in BERT. */
    public static final double BERT_BETA1 = 0.9;
    /** Adam's second-moment decay in BERT. */
    public static final double BERT_BETA2 = 0.999;
    /** Adam's epsilon in BERT. */
    public static final double BERT_EPSILON = 1e-6;

    /** Validates the ranges; these come from command-line flags, so the messages name them. */
    public TrainingHyperparams {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--learning_rate must be positive, got " + learningRate);
        }
        if (numTrainSteps <= 0) {
            throw new IllegalArgumentException("--num_train_steps must be positive, got " + numTrainSteps);
        }
        if (numWarmupSteps < 0) {
            throw new IllegalArgumentException("--num_warmup_steps must be >= 0, got " + numWarmupSteps);
        }
        if (!(weightDecay >= 0) || !(clipNorm > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0)) {
            throw new IllegalArgumentException("optimizer settings out of range: weightDecay " + weightDecay
                    + ", clipNorm " + clipNorm + ", beta1 " + beta1 + ", beta2 " + beta2 + ", epsilon " + epsilon);
        }
    }

    /** The original BERT/BERT4Rec optimiser with the given learning rate and schedule. */
    public static TrainingHyperparams bert(double learningRate, long numTrainSteps, long numWarmupSteps) {
        return new TrainingHyperparams(learningRate, numTrainSteps, numWarmupSteps, BERT_WEIGHT_DECAY,
                BERT4REC_CLIP_NORM, BERT_BETA1, BERT_BETA2, BERT_EPSILON, false);
    }

    /** These settings with Adam's bias correction on or off. */
    public TrainingHyperparams withBiasCorrection(boolean on) {
        return new TrainingHyperparams(learningRate, numTrainSteps, numWarmupSteps, weightDecay, clipNorm, beta1,
                beta2, epsilon, on);
    }
}
