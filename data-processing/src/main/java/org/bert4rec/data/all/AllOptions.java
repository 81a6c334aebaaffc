package org.bert4rec.data.all;

import java.nio.file.Path;
import org.bert4rec.data.Task;
import org.bert4rec.utils.FlagValueException;
import org.bert4rec.utils.UserInputException;

/**
 * The all stage's parameters, with the seed's names and defaults (see the picocli command for the flags).
 *
 * @param task                 which splits to write
 * @param maxSeqLength         window length (the bert config's max_position_embeddings)
 * @param maxPredictionsPerSeq masked positions per training instance, at most
 * @param maskedLmProb         share of a window's items to mask (rounded half to even, as Python's round)
 * @param maskProb             chance that a chosen position becomes [MASK]; otherwise kept or random, 50/50
 * @param dupeFactor           random maskings per window
 * @param propSlidingWindow    window step = int(prop × max_seq_length); -1 = step of max_seq_length
 * @param maxWindowsPerChain   keep only the most recent this many windows of each training chain; 0 = all, as the
 *                             original (for long chains, 1 trains on what the test asks about: the chain's end)
 * @param shortSeqProb         accepted and recorded, unused (the original's short_seq_prob is 0 and unused too)
 * @param poolSize             threads for masking and encoding; 0 = one per core; never changes the output
 * @param seed                 the random seed
 * @param vocabFile            an existing vocabulary to use, or null
 */
public record AllOptions(Task task, int maxSeqLength, int maxPredictionsPerSeq, double maskedLmProb,
        double maskProb, int dupeFactor, double propSlidingWindow, int maxWindowsPerChain, double shortSeqProb,
        int poolSize, long seed, Path vocabFile) {
    public static final int DEFAULT_MAX_PREDICTIONS_PER_SEQ = 20;
    public static final double DEFAULT_MASKED_LM_PROB = 0.2;
    public static final double DEFAULT_PROP_SLIDING_WINDOW = 0.5;
    public static final double DEFAULT_MASK_PROB = 1.0;
    public static final int DEFAULT_DUPE_FACTOR = 10;
    /** The seed's value meaning "windows do not overlap". */
    public static final double NO_SLIDING = -1.0;

    public AllOptions {
        if (maxSeqLength < 2) {
            throw new UserInputException("max_position_embeddings of the bert config is " + maxSeqLength
                    + "; it is the window length and must be at least 2");
        }
        if (maxPredictionsPerSeq < 1) {
            throw new FlagValueException("--max_predictions_per_seq must be at least 1, got " + maxPredictionsPerSeq);
        }
        if (!(maskedLmProb > 0 && maskedLmProb <= 1)) {
            throw new FlagValueException("--masked_lm_prob must be in (0, 1], got " + maskedLmProb);
        }
        if (!(maskProb >= 0 && maskProb <= 1)) {
            throw new FlagValueException("--mask_prob must be in [0, 1], got " + maskProb);
        }
        if (dupeFactor < 0) {
            throw new FlagValueException("--dupe_factor must be 0 or more, got " + dupeFactor);
        }
        if (propSlidingWindow != NO_SLIDING && !(propSlidingWindow > 0 && propSlidingWindow <= 1)) {
            throw new FlagValueException("--prop_sliding_window must be in (0, 1] or -1, got " + propSlidingWindow);
        }
        if (propSlidingWindow != NO_SLIDING && (int) (propSlidingWindow * maxSeqLength) < 1) {
            throw new FlagValueException("--prop_sliding_window " + propSlidingWindow + " gives a window step of 0 for"
                    + " max_seq_length " + maxSeqLength + ": use at least " + (1.0 / maxSeqLength));
        }
        if (maxWindowsPerChain < 0) {
            throw new FlagValueException("--max_windows_per_chain must be 0 (all windows) or more, got "
                    + maxWindowsPerChain);
        }
        if (poolSize < 0) {
            throw new FlagValueException("--pool_size must be 0 (one thread per core) or more, got " + poolSize);
        }
    }

    /** The window step, as the original computes it. */
    public int slidingStep() {
        return propSlidingWindow == NO_SLIDING ? maxSeqLength : (int) (propSlidingWindow * maxSeqLength);
    }

    /** Threads to use. */
    public int threads() {
        return poolSize == 0 ? Runtime.getRuntime().availableProcessors() : poolSize;
    }
}
