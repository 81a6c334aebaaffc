/**
 * The building blocks of BERT4Rec with explicit forward and backward passes on ND4J arrays: embeddings, layer
 * normalisation, dense layers, multi-head self-attention, the feed-forward block, the output head with its fused
 * softmax cross-entropy, and the bookkeeping they share (parameters, reusable buffers, dropout, the packed token
 * layout).
 *
 * <p>Why hand-written passes rather than a SameDiff graph: several SameDiff gradients are wrong in 1.0.0-M2.1 (gather,
 * weighted cross-entropy, GELU) and the graph ran 2.5–4× slower than PyTorch here; see docs/MODEL.md. Every operation
 * is an ND4J array operation, so the model runs unchanged on the CUDA backend.
 *
 * <p>Conventions: activations are 2-D {@code [T, H]} matrices with one row per token of the packed batch
 * ({@link org.bert4rec.model.layers.SequenceLayout}); each layer keeps what its backward pass needs until the next
 * forward pass; {@code backward} accumulates parameter gradients into {@link org.bert4rec.model.layers.Parameter#grad()}.
 */
package org.bert4rec.model.layers;
