package org.bert4rec.data.all;

import org.bert4rec.data.DataConfig;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.SplitMix64;

/**
 * RoBERTa's dynamic masking (Liu et al. 2019) for a training file of the all stage: each time the trainer reads an
 * instance, its window is restored (every predicted position gets its label back) and masked afresh, with the data
 * config's masked_lm_prob, mask_prob and max_predictions_per_seq and the all stage's own masking rule
 * ({@link InstanceFactory#randomMasking}).
 *
 * <p>Why: the file holds dupe_factor maskings of each window, and an hour of training on ML-1m reads the file about
 * nine times, so every masking is seen again and again; drawn afresh, each reading trains on new predictions.
 *
 * <p>Mask-last instances (one prediction, at the window's last item) stay as they are: they are the ones that train
 * the next-item task itself, and the all stage wrote one per window on purpose.
 *
 * <p>The masking of the instance read n-th (counting from the start of training, resumed runs included) comes from
 * the random stream (seed, n), so it does not depend on batch size, threads or where a run was resumed.
 */
public final class DynamicMasking {
    /** Sub-stream tag of the seed for dynamic masking (the all stage derives its streams from users and windows). */
    private static final long STREAM = 0xd7a_5ca1L;

    private final InstanceFactory factory;
    private final long seed;
    private final int[] window;

    /**
     * @param data     the data config the training file was written with
     * @param numItems real items, ids 1..numItems (candidates of the random replacement when mask_prob < 1)
     * @param maskId   the [MASK] token's id
     * @param seed     the training seed
     */
    public DynamicMasking(DataConfig data, int numItems, int maskId, long seed) {
        this.factory = new InstanceFactory(data.maxSeqLength(), data.maxPredictionsPerSeq(), data.maskedLmProb(),
                data.maskProb(), numItems, maskId);
        this.seed = seed;
        this.window = new int[data.maxSeqLength()];
    }

    /**
     * A fresh masking of {@code instance}'s window (a new instance; the argument is not changed).
     *
     * @param ordinal how many training instances were read before this one
     */
    public MaskedLmInstance remask(MaskedLmInstance instance, long ordinal) {
        int len = 0;
        int[] mask = instance.inputMask();
        while (len < mask.length && mask[len] != 0) {
            len++;
        }
        if (len == 0 || isMaskLast(instance, len)) {
            return instance;
        }
        System.arraycopy(instance.inputIds(), 0, window, 0, len);
        int[] positions = instance.maskedLmPositions();
        float[] weights = instance.maskedLmWeights();
        for (int j = 0; j < positions.length; j++) {
            if (weights[j] > 0) {
                window[positions[j]] = instance.maskedLmIds()[j];
            }
        }
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, STREAM, ordinal));
        MaskedLmInstance view = factory.randomMasking(instance.info(), window, 0, len, rng);
        return new MaskedLmInstance(view.info(), view.inputIds().clone(), view.inputMask().clone(),
                view.maskedLmPositions().clone(), view.maskedLmIds().clone(), view.maskedLmWeights().clone());
    }

    private static boolean isMaskLast(MaskedLmInstance instance, int len) {
        return instance.numPredictions() == 1 && instance.maskedLmWeights()[0] > 0
                && instance.maskedLmPositions()[0] == len - 1;
    }
}
