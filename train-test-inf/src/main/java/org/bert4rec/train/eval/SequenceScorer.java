package org.bert4rec.train.eval;

import java.util.List;

/**
 * Scores one position per row of a batch of item-id sequences: the narrow interface the test, inference and predict
 * stages need from the model, so that they can be tested with a hand-made scorer and never see ND4J types.
 *
 * <p>Arrays are row-major, {@code [batchSize, seqLen]}; {@code seqLen} may be shorter than {@link #maxSeqLength()}
 * (callers cut trailing padding off); positions are 0-based within the row.
 */
public interface SequenceScorer {

    /**
     * @param batchSize rows
     * @param seqLen    tokens per row, at most {@link #maxSeqLength()}
     * @param inputIds  {@code [batchSize, seqLen]} item ids, 0 = padding
     * @param inputMask {@code [batchSize, seqLen]} 1 for real tokens, 0 for padding
     * @param positions {@code [batchSize]} the position to score in each row
     */
    ScoredBatch score(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] positions);

    /** Logits per row: the model's vocab_size. */
    int vocabSize();

    /** Width of the hidden vector: the model's hidden_size. */
    int hiddenSize();

    /** The longest sequence the model takes: its max_position_embeddings. */
    int maxSeqLength();

    /**
     * Scorers giving the same scores as this one that may run at the same time, one per thread (none is
     * thread-safe itself); {@link ScoringLoop} scores batches on as many threads as there are. Just this one unless
     * the scorer was loaded with replicas.
     */
    default List<SequenceScorer> replicas() {
        return List.of(this);
    }
}
