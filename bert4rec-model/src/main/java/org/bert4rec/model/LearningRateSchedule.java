package org.bert4rec.model;

/**
 * The learning rate at a step, exactly as BERT's {@code optimization.create_optimizer}: a polynomial (power 1) decay
 * from the peak to 0 at {@code num_train_steps}, overridden during the first {@code num_warmup_steps} steps by a
 * linear warm-up {@code peak * step / num_warmup_steps}. Step 0 therefore trains with rate 0 when there is a
 * warm-up, as in the original.
 */
public final class LearningRateSchedule {
    private LearningRateSchedule() {
    }

    /** The rate for the update made at {@code step} (0-based: the first update is step 0). */
    public static double at(long step, TrainingHyperparams h) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < h.numWarmupSteps()) {
            return h.learningRate() * step / h.numWarmupSteps();
        }
        long clamped = Math.min(step, h.numTrainSteps());
        return h.learningRate() * (1.0 - (double) clamped / h.numTrainSteps());
    }
}
