package org.bert4rec.train.eval;

/**
 * The most-popular baseline as a {@link SequenceScorer}: every row gets the same scores, the items' training
 * frequencies, whatever its input. A trained model that does not beat it by a wide margin has learned little, so
 * {@code test --baseline most_popular} reports both side by side under the same protocol.
 *
 * <p>The hidden vector is empty (width 0): the baseline has no user representation.
 */
public final class PopularityScorer implements SequenceScorer {
    private final float[] scores;
    private final int maxSeqLength;

    /**
     * @param popularity   occurrence count per item id (index = id), as {@link VocabularyNames#popularity()}
     * @param maxSeqLength the longest input accepted, the model's
     */
    public PopularityScorer(long[] popularity, int maxSeqLength) {
        this.scores = new float[popularity.length];
        for (int id = 0; id < popularity.length; id++) {
            scores[id] = popularity[id];
        }
        this.maxSeqLength = maxSeqLength;
    }

    @Override
    public ScoredBatch score(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] positions) {
        float[] logits = new float[batchSize * scores.length];
        for (int row = 0; row < batchSize; row++) {
            System.arraycopy(scores, 0, logits, row * scores.length, scores.length);
        }
        return new ScoredBatch(batchSize, scores.length, logits, 0, new float[0]);
    }

    @Override
    public int vocabSize() {
        return scores.length;
    }

    @Override
    public int hiddenSize() {
        return 0;
    }

    @Override
    public int maxSeqLength() {
        return maxSeqLength;
    }
}
