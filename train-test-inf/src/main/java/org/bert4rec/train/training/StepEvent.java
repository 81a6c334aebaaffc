package org.bert4rec.train.training;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The training curves, named as TensorBoard and MLflow show them: loss, masked_lm_accuracy, learning_rate,
     * sequences_per_second and global_gradient_norm.
     */
    public Map<String, Double> curves() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("masked_lm_accuracy", accuracy);
        m.put("learning_rate", learningRate);
        m.put("sequences_per_second", sequencesPerSecond());
        m.put("global_gradient_norm", gradNorm);
        return m;
    }
}
