package org.bert4rec.train.training;

/**
 * Stops training once this run has trained for {@code --training_time_limit_seconds} (the seed's TrainHooks). The
 * checkpoint listener saves on the way out, so nothing trained is lost.
 */
public final class TimeLimitListener implements TrainingListener {
    private final double limitSeconds;
    private double startSeconds;

    public TimeLimitListener(double limitSeconds) {
        this.limitSeconds = limitSeconds;
    }

    @Override
    public void onStart(TrainingState state) {
        startSeconds = state.trainingSeconds();
    }

    @Override
    public boolean shouldStop(TrainingState state, StepEvent event) {
        return state.trainingSeconds() - startSeconds >= limitSeconds;
    }
}
