package org.bert4rec.train.eval;

/**
 * What a {@link SequenceScorer} returns for a batch, as plain row-major arrays.
 *
 * @param batchSize  rows in the batch
 * @param vocabSize  logits per row; logit index = item id
 * @param logits     {@code [batchSize, vocabSize]}
 * @param hiddenSize width of the hidden vector
 * @param hidden     {@code [batchSize, hiddenSize]}: the output head's hidden vector at each row's scored position
 *                   (after its dense layer, activation and LayerNorm, before the product with the item
 *                   embeddings: the vector the issue asks for, "what the seed called the penultimate layer"; the
 *                   seed itself read a variable by position, which appears to have been the dense output before
 *                   activation and LayerNorm, at a padding slot)
 */
public record ScoredBatch(int batchSize, int vocabSize, float[] logits, int hiddenSize, float[] hidden) {
    public ScoredBatch {
        if (logits.length != batchSize * vocabSize || hidden.length != batchSize * hiddenSize) {
            throw new IllegalArgumentException("scored batch of " + batchSize + " rows has " + logits.length
                    + " logits (expected " + batchSize + " x " + vocabSize + ") and " + hidden.length
                    + " hidden values (expected " + batchSize + " x " + hiddenSize + ")");
        }
    }
}
