package org.bert4rec.data;

import java.util.Arrays;

/**
 * One BERT4Rec training or evaluation example, as the original gen_data writes it (FORMATS.md section 2), already
 * padded: {@code inputIds}/{@code inputMask} have max_seq_length entries (padding id 0, mask 0), the three
 * masked-LM arrays have max_predictions_per_seq entries (padding position 0, id 0, weight 0).
 *
 * @param info              the encoded user id (the original's {@code info} feature)
 * @param inputIds          item ids with the masked positions replaced
 * @param inputMask         1 for real positions, 0 for padding
 * @param maskedLmPositions positions that are predicted, ascending
 * @param maskedLmIds       the true item id at each predicted position
 * @param maskedLmWeights   1 for a real prediction, 0 for padding
 * @param historyIds        the distinct item ids of the user's chain before the input window, ascending: empty for
 *                          training instances and for chains that fit the window. Evaluation and inference records
 *                          carry it so that excluding seen items covers the whole history, as published full-ranking
 *                          evaluations do, not only the last max_seq_length items (feature {@code history_ids})
 */
public record MaskedLmInstance(long info, int[] inputIds, int[] inputMask, int[] maskedLmPositions,
        int[] maskedLmIds, float[] maskedLmWeights, int[] historyIds) {

    private static final int[] NO_HISTORY = new int[0];

    /** An instance without history: a training instance, or one whose chain fits the window. */
    public MaskedLmInstance(long info, int[] inputIds, int[] inputMask, int[] maskedLmPositions, int[] maskedLmIds,
            float[] maskedLmWeights) {
        this(info, inputIds, inputMask, maskedLmPositions, maskedLmIds, maskedLmWeights, NO_HISTORY);
    }

    /** This instance with {@code ids} (distinct, ascending) as its history. */
    public MaskedLmInstance withHistory(int[] ids) {
        return new MaskedLmInstance(info, inputIds, inputMask, maskedLmPositions, maskedLmIds, maskedLmWeights, ids);
    }

    /** Number of real (weight > 0) predictions. */
    public int numPredictions() {
        int n = 0;
        for (float w : maskedLmWeights) {
            if (w > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedLmInstance m && info == m.info && Arrays.equals(inputIds, m.inputIds)
                && Arrays.equals(inputMask, m.inputMask) && Arrays.equals(maskedLmPositions, m.maskedLmPositions)
                && Arrays.equals(maskedLmIds, m.maskedLmIds) && Arrays.equals(maskedLmWeights, m.maskedLmWeights)
                && Arrays.equals(historyIds, m.historyIds);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(info) * 31 + Arrays.hashCode(inputIds) * 17 + Arrays.hashCode(maskedLmPositions);
    }

    @Override
    public String toString() {
        return "MaskedLmInstance{info=" + info + ", inputIds=" + Arrays.toString(inputIds) + ", inputMask="
                + Arrays.toString(inputMask) + ", maskedLmPositions=" + Arrays.toString(maskedLmPositions)
                + ", maskedLmIds=" + Arrays.toString(maskedLmIds) + ", maskedLmWeights="
                + Arrays.toString(maskedLmWeights) + (historyIds.length == 0 ? ""
                : ", historyIds=" + Arrays.toString(historyIds)) + "}";
    }
}
