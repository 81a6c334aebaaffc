/**
 * The {@code train_val} stage: a short training loop ({@link org.bert4rec.train.training.Trainer}) whose side
 * concerns — checkpoints, TensorBoard curves, progress, the time limit, tracking — are
 * {@link org.bert4rec.train.training.TrainingListener}s.
 */
package org.bert4rec.train.training;
