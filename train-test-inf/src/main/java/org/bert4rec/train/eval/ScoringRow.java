package org.bert4rec.train.eval;

import java.util.Arrays;

/**
 * One sequence to score at one position.
 *
 * @param info      the encoded user id (the TFRecord's {@code info} feature)
 * @param inputIds  item ids, right-padded with 0, {@code [maxSeqLength]}
 * @param inputMask 1 for real tokens, 0 for padding
 * @param position  the position to score: the masked (last) position of a test or inference record
 * @param target    the true item at that position, or {@link #NO_TARGET} when there is none (inference, predict)
 * @param history   items of the user's chain before the input window (any order), seen but not scored; empty when
 *                  the chain fits the window or the record predates {@code history_ids}
 */
public record ScoringRow(long info, int[] inputIds, int[] inputMask, int position, int target, int[] history) {
    /** The target of a row whose true next item is unknown. */
    public static final int NO_TARGET = -1;
    private static final int[] NO_HISTORY = new int[0];

    /** A row without history. */
    public ScoringRow(long info, int[] inputIds, int[] inputMask, int position, int target) {
        this(info, inputIds, inputMask, position, target, NO_HISTORY);
    }

    public ScoringRow {
        if (inputIds.length != inputMask.length) {
            throw new IllegalArgumentException("input_ids has " + inputIds.length + " values, input_mask "
                    + inputMask.length);
        }
        if (position < 0 || position >= inputIds.length) {
            throw new IllegalArgumentException("scored position " + position + " is outside the sequence of "
                    + inputIds.length);
        }
    }

    /** Tokens up to and including the last real one (or the scored position, if later): the rest is padding. */
    public int usedLength() {
        int n = inputMask.length;
        while (n > 0 && inputMask[n - 1] == 0) {
            n--;
        }
        return Math.max(n, position + 1);
    }

    /**
     * The items the user has seen, for excluding them: the input's ids with padding and the scored position set to 0
     * (the scored token is [MASK] in test and inference records, but a row built otherwise must not count its own
     * answer as seen), followed by the history.
     */
    public int[] seenItems() {
        int[] seen = Arrays.copyOf(inputIds, inputIds.length + history.length);
        for (int i = 0; i < inputIds.length; i++) {
            if (inputMask[i] == 0 || i == position) {
                seen[i] = 0;
            }
        }
        System.arraycopy(history, 0, seen, inputIds.length, history.length);
        return seen;
    }
}
