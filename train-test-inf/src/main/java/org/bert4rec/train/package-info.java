/**
 * The stages that use a model: {@code train_val} (training loop, checkpoints, validation), {@code test},
 * {@code inference} and {@code predict}. Converts data-processing's instances into the model's arrays and the
 * model's scores into ranked original item ids; the model itself knows nothing of files or stages.
 */
package org.bert4rec.train;
