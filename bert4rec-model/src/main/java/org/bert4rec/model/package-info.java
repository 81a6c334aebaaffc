/**
 * The BERT4Rec model: its configuration ({@link org.bert4rec.model.Bert4RecConfig}), batches
 * ({@link org.bert4rec.model.ModelBatch}), training, evaluation, scoring and checkpoints
 * ({@link org.bert4rec.model.Bert4RecModel}), the optimiser settings and learning-rate schedule. Arrays in, arrays
 * out: no ND4J type appears in this package's public API.
 */
package org.bert4rec.model;
