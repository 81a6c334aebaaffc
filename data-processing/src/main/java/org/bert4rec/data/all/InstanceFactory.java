package org.bert4rec.data.all;

import java.util.Arrays;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.SplitMix64;

/**
 * Makes padded {@link MaskedLmInstance}s from a slice of a user's item ids, as the original gen_data does.
 *
 * <p>Random masking ({@code create_masked_lm_predictions}): num_to_predict = min(max_predictions_per_seq,
 * max(1, round(len × masked_lm_prob))) with Python's round-half-to-even; that many distinct positions are drawn
 * uniformly; in draw order each becomes [MASK] with probability mask_prob, else stays (probability 1/2) or becomes a
 * uniformly random item; the predictions are then sorted by position. Mask-last ({@code
 * create_masked_lm_predictions_force_last}): only the last position is masked and predicted.
 *
 * <p>To spare the allocator (a million instances a second), a factory fills the same arrays for every instance: an
 * instance it returns is valid until its next call. Use one factory per thread, and copy an instance to keep it.
 */
final class InstanceFactory {
    private final int maxSeqLength;
    private final int maxPredictions;
    private final double maskedLmProb;
    private final double maskProb;
    private final int numItems;
    private final int maskId;
    private int[] positions = new int[0];
    private long[] picked = new long[0];
    private final int[] ids;
    private final int[] mask;
    private final int[] mPos;
    private final int[] mIds;
    private final float[] weights;

    InstanceFactory(int maxSeqLength, int maxPredictions, double maskedLmProb, double maskProb, int numItems,
            int maskId) {
        this.maxSeqLength = maxSeqLength;
        this.maxPredictions = maxPredictions;
        this.maskedLmProb = maskedLmProb;
        this.maskProb = maskProb;
        this.numItems = numItems;
        this.maskId = maskId;
        this.ids = new int[maxSeqLength];
        this.mask = new int[maxSeqLength];
        this.mPos = new int[maxPredictions];
        this.mIds = new int[maxPredictions];
        this.weights = new float[maxPredictions];
    }

    /** A fresh factory with the same parameters (for another thread). */
    InstanceFactory copy() {
        return new InstanceFactory(maxSeqLength, maxPredictions, maskedLmProb, maskProb, numItems, maskId);
    }

    /** The original's num_to_predict for a window of {@code len} items. */
    int numToPredict(int len) {
        return (int) Math.min(maxPredictions, Math.max(1, Math.rint(len * maskedLmProb)));
    }

    /** A random masking of {@code chain[from, from + len)}. */
    MaskedLmInstance randomMasking(long info, int[] chain, int from, int len, SplitMix64 rng) {
        copyWindow(chain, from, len);
        int k = numToPredict(len);
        if (positions.length < len) {
            positions = new int[Math.max(len, maxSeqLength)];
        }
        for (int i = 0; i < len; i++) {
            positions[i] = i;
        }
        long[] picked = this.picked.length >= k ? this.picked : (this.picked = new long[k]);
        // picked: position << 32 | label, sorted afterwards by position
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(len - i); // partial Fisher-Yates: k distinct uniform positions
            int p = positions[j];
            positions[j] = positions[i];
            positions[i] = p;
            int label = ids[p];
            if (rng.nextDouble() < maskProb) {
                ids[p] = maskId;
            } else if (rng.nextDouble() >= 0.5) {
                ids[p] = 1 + rng.nextInt(numItems);
            }
            picked[i] = (long) p << 32 | label;
        }
        Arrays.sort(picked, 0, k);
        clearPredictions();
        for (int i = 0; i < k; i++) {
            mPos[i] = (int) (picked[i] >>> 32);
            mIds[i] = (int) picked[i];
            weights[i] = 1f;
        }
        return instance(info);
    }

    /** {@code chain[from, from + len)} with only its last item masked. */
    MaskedLmInstance maskLast(long info, int[] chain, int from, int len) {
        copyWindow(chain, from, len);
        clearPredictions();
        mPos[0] = len - 1;
        mIds[0] = ids[len - 1];
        weights[0] = 1f;
        ids[len - 1] = maskId;
        return instance(info);
    }

    private MaskedLmInstance instance(long info) {
        return new MaskedLmInstance(info, ids, mask, mPos, mIds, weights); // a view of the reused arrays
    }

    private void clearPredictions() {
        Arrays.fill(mPos, 0);
        Arrays.fill(mIds, 0);
        Arrays.fill(weights, 0f);
    }

    /** The window, then padding: id {@link FreqVocab#PAD_ID} (0) with mask 0, as the original pads. */
    private void copyWindow(int[] chain, int from, int len) {
        if (len < 1 || len > maxSeqLength) {
            throw new IllegalArgumentException("window of " + len + " items for max_seq_length " + maxSeqLength);
        }
        System.arraycopy(chain, from, ids, 0, len);
        Arrays.fill(ids, len, maxSeqLength, FreqVocab.PAD_ID);
        Arrays.fill(mask, 0, len, 1);
        Arrays.fill(mask, len, maxSeqLength, 0);
    }
}
