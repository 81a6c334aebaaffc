package org.bert4rec.train.eval;

/**
 * One row's scores, handed to a {@link ScoringLoop.RowSink}. The arrays are shared by a window of rows and reused
 * afterwards: read them during the call, copy what must outlive it.
 *
 * @param ordinal      the row's 0-based index in the input
 * @param row          the row
 * @param logits       scores of every vocabulary id: the score of item {@code i} is {@code logits[logitsOffset + i]}
 * @param logitsOffset where this row's scores start
 * @param vocabSize    scores per row
 * @param hidden       the output head's hidden vectors: this row's at {@code hidden[hiddenOffset ..]}
 * @param hiddenOffset where this row's hidden vector starts
 * @param hiddenSize   its width
 */
public record ScoredRow(long ordinal, ScoringRow row, float[] logits, int logitsOffset, int vocabSize,
                        float[] hidden, int hiddenOffset, int hiddenSize) {

    /** The score of item {@code id}. */
    public float logit(int id) {
        return logits[logitsOffset + id];
    }

    /** A copy of the hidden vector. */
    public float[] hiddenVector() {
        return java.util.Arrays.copyOfRange(hidden, hiddenOffset, hiddenOffset + hiddenSize);
    }
}
