package org.bert4rec.model;

/**
 * Scores at one position per sequence.
 *
 * @param batchSize  rows
 * @param vocabSize  columns of {@code logits}: index i is item id i (the seed shifted by one, which was a bug)
 * @param hiddenSize columns of {@code userEmbeddings}
 * @param logits     [batchSize, vocabSize] row-major: h · Eᵀ + output bias, unnormalised
 * @param userEmbeddings [batchSize, hiddenSize] row-major: the output head's hidden vector h that is dotted with the
 *                       item embeddings
 */
public record ScoreOutput(int batchSize, int vocabSize, int hiddenSize, float[] logits, float[] userEmbeddings) {

    /** The logit of item {@code itemId} in row {@code row}. */
    public float logit(int row, int itemId) {
        return logits[row * vocabSize + itemId];
    }
}
