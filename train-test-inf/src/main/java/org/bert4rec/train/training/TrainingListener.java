package org.bert4rec.train.training;

/**
 * A side concern of training (checkpoints, curves, progress, limits, tracking), called by {@link Trainer} around
 * the loop so that the loop itself stays short.
 */
public interface TrainingListener {

    /** Before the first step of this run; {@code startStep} is the step training resumes from (0 when new). */
    default void onStart(TrainingState state) {
    }

    /** After every optimizer step. */
    default void onStep(TrainingState state, StepEvent event) {
    }

    /** Asked after each step: true stops training after this step (the time limit, say). */
    default boolean shouldStop(TrainingState state, StepEvent event) {
        return false;
    }

    /** After the last step of this run, whether it ended on num_train_steps or because a listener stopped it. */
    default void onEnd(TrainingState state, StepEvent lastEvent) {
    }
}
