package org.bert4rec.train.eval;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bert4rec.data.InstanceReader;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.utils.UserInputException;

/**
 * Turns the TFRecord instances that {@code all} writes for test and inference into rows to score.
 *
 * <p>The scored position is the record's last masked position with a non-zero weight (test records mask exactly
 * one, the last item, as the original {@code create_masked_lm_predictions_force_last} does), and the true item is
 * the id recorded for it. A record without a weighted prediction (an inference record may carry none) is scored at
 * its last [MASK] token, with no true item.
 */
public final class ScoringRows {
    private ScoringRows() {
    }

    /**
     * @param source names the file in messages
     * @param index  the record's index in the file
     * @throws UserInputException when the record has nothing to score
     */
    public static ScoringRow fromInstance(MaskedLmInstance inst, int maskId, String source, long index) {
        int position = -1;
        int target = ScoringRow.NO_TARGET;
        for (int i = 0; i < inst.maskedLmPositions().length; i++) {
            if (inst.maskedLmWeights()[i] > 0 && inst.maskedLmPositions()[i] > position) {
                position = inst.maskedLmPositions()[i];
                target = inst.maskedLmIds()[i];
            }
        }
        if (position < 0) {
            for (int i = inst.inputIds().length - 1; i >= 0 && position < 0; i--) {
                if (inst.inputIds()[i] == maskId && inst.inputMask()[i] == 1) {
                    position = i;
                }
            }
        }
        if (position < 0 || position >= inst.inputIds().length) {
            throw new UserInputException("TFRecord file " + source + ", record " + index + ": no masked position to"
                    + " score (no weighted masked_lm_positions and no [MASK] token): prepare it with bert4rec all"
                    + " --task test or inference");
        }
        return new ScoringRow(inst.info(), inst.inputIds(), inst.inputMask(), position, target, inst.historyIds());
    }

    /** The reader's instances as rows, read lazily. */
    public static Iterator<ScoringRow> of(InstanceReader reader, int maskId, String source) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public ScoringRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MaskedLmInstance inst = reader.next();
                return fromInstance(inst, maskId, source, reader.recordIndex());
            }
        };
    }
}
