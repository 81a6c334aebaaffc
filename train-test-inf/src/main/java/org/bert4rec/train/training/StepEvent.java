package org.bert4rec.train.training;

/**
 * What one training step produced, as the listeners see it.
 *
 * @param step             the number of optimizer steps done so far (1 after the first step)
 * @param loss             masked-LM loss of the step's batch (weighted mean over masked positions)
 * @param accuracy         masked-LM accuracy of the batch
 * @param learningRate     the learning rate the step used
 * @param gradNorm         the global gradient norm before clipping
 * @param sequences        sequences in the batch
 * @param stepSeconds      wall time of the step, data loading included
 * @param trainingSeconds  wall time spent training in this process and earlier runs of the same model
 */
public record StepEvent(long step, double loss, double accuracy, double learningRate, double gradNorm,
        int sequences, double stepSeconds, double trainingSeconds) {

    /** Sequences per second of this step. */
    public double sequencesPerSecond() {
        return stepSeconds > 0 ? sequences / stepSeconds : 0;
    }
}
