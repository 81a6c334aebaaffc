package org.bert4rec.train.training;

import org.bert4rec.model.Bert4RecModel;

/**
 * The mutable state of one training run that listeners may read: the model, how far the data stream has got, and
 * the training time, counted across resumed runs.
 */
public final class TrainingState {
    private final Bert4RecModel model;
    private final long numTrainSteps;
    private final long startStep;
    private long instancesConsumed;
    private double trainingSeconds;
    private boolean stoppedEarly;

    /**
     * @param model             the model being trained; its {@code step()} is the optimizer step count
     * @param numTrainSteps     the step at which training ends
     * @param instancesConsumed training instances read before this run (0 for a new model)
     * @param trainingSeconds   training time spent before this run
     */
    public TrainingState(Bert4RecModel model, long numTrainSteps, long instancesConsumed, double trainingSeconds) {
        this.model = model;
        this.numTrainSteps = numTrainSteps;
        this.startStep = model.step();
        this.instancesConsumed = instancesConsumed;
        this.trainingSeconds = trainingSeconds;
    }

    public Bert4RecModel model() {
        return model;
    }

    public long numTrainSteps() {
        return numTrainSteps;
    }

    /** The step this run started from. */
    public long startStep() {
        return startStep;
    }

    public long step() {
        return model.step();
    }

    public long instancesConsumed() {
        return instancesConsumed;
    }

    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** True when a listener stopped training before num_train_steps. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    void advance(int instances, double seconds) {
        instancesConsumed += instances;
        trainingSeconds += seconds;
    }

    void markStoppedEarly() {
        stoppedEarly = true;
    }
}
