package org.bert4rec.train.training;

import java.util.List;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.model.ModelBatch;

/**
 * Turns data-processing's instances into the model's row-major arrays; the model never sees records.
 */
public final class InstanceBatches {
    private InstanceBatches() {
    }

    /** Packs {@code instances} (all of the same lengths) into one batch. */
    public static ModelBatch toBatch(List<MaskedLmInstance> instances) {
        int b = instances.size();
        if (b == 0) {
            throw new IllegalArgumentException("an empty batch");
        }
        int seqLen = instances.get(0).inputIds().length;
        int preds = instances.get(0).maskedLmPositions().length;
        ModelBatch out = ModelBatch.zeros(b, seqLen, preds);
        for (int i = 0; i < b; i++) {
            MaskedLmInstance x = instances.get(i);
            System.arraycopy(x.inputIds(), 0, out.inputIds(), i * seqLen, seqLen);
            System.arraycopy(x.inputMask(), 0, out.inputMask(), i * seqLen, seqLen);
            System.arraycopy(x.maskedLmPositions(), 0, out.maskedPositions(), i * preds, preds);
            System.arraycopy(x.maskedLmIds(), 0, out.maskedIds(), i * preds, preds);
            System.arraycopy(x.maskedLmWeights(), 0, out.maskedWeights(), i * preds, preds);
        }
        return out;
    }
}
