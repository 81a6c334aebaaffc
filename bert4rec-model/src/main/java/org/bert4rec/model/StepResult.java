package org.bert4rec.model;

/**
 * What one training step reports.
 *
 * @param step         the step this update was made at (0-based)
 * @param loss         masked-LM cross-entropy, weighted mean over the masked positions (before the update)
 * @param accuracy     weighted share of masked positions whose top-scored item is the label
 * @param learningRate the rate used for this update
 * @param gradNorm     global gradient norm before clipping
 */
public record StepResult(long step, double loss, double accuracy, double learningRate, double gradNorm) {
}
