package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable array, its gradient, and whether decoupled weight decay applies to it.
 *
 * @param name    stable hierarchical name, e.g. {@code encoder.1.attention.query.kernel}; checkpoints are keyed by it
 * @param value   the weights
 * @param grad    the gradient of the loss, same shape; layers accumulate into it during backward
 * @param decayed whether weight decay applies: BERT excludes LayerNorm parameters and biases
 */
public record Parameter(String name, INDArray value, INDArray grad, boolean decayed) {
}
