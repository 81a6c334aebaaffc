package org.bert4rec.train.training;

import java.io.PrintWriter;

/**
 * Saves a checkpoint every {@code --save_checkpoints_steps} steps and once more when training ends, whether on
 * num_train_steps or on the time limit.
 */
public final class CheckpointListener implements TrainingListener {
    private final CheckpointManager checkpoints;
    private final long every;
    private final PrintWriter log;
    private long lastSaved = -1;

    public CheckpointListener(CheckpointManager checkpoints, long every, PrintWriter log) {
        this.checkpoints = checkpoints;
        this.every = every;
        this.log = log;
    }

    @Override
    public void onStep(TrainingState state, StepEvent event) {
        if (every > 0 && event.step() % every == 0) {
            save(state);
        }
    }

    @Override
    public void onEnd(TrainingState state, StepEvent lastEvent) {
        if (lastSaved != state.step() && state.step() > state.startStep()) {
            save(state);
        }
    }

    private void save(TrainingState state) {
        checkpoints.save(state.model(),
                new TrainerState(state.step(), state.instancesConsumed(), state.trainingSeconds()));
        lastSaved = state.step();
        if (log != null) {
            log.flush();
        }
    }
}
