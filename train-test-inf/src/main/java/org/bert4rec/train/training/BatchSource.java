package org.bert4rec.train.training;

import org.bert4rec.model.ModelBatch;

/** An endless source of training batches, already in the model's array form. */
@FunctionalInterface
public interface BatchSource {
    ModelBatch next();
}
