package org.bert4rec.model.layers;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward (and backward) pass: the token layout, whether dropout is on, and the dropout random streams.
 *
 * <p>Dropout masks are drawn by ND4J's counter-based generator re-seeded from (model seed, step, dropout site) before
 * each use, so the masks of a step are a pure function of those three numbers: the backward pass re-creates the
 * forward's mask instead of storing it, and the whole random state of training is the step counter — nothing else
 * has to be checkpointed for a resumed run to draw the same masks as an uninterrupted one.
 */
public final class Pass {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SequenceLayout layout;
    private final boolean training;
    private final long seed;
    private final long step;
    private final Random random;

    private Pass(SequenceLayout layout, boolean training, long seed, long step, Random random) {
        this.layout = layout;
        this.training = training;
        this.seed = seed;
        this.step = step;
        this.random = random;
    }

    /** A training pass: dropout on, masks determined by {@code seed} and {@code step}. */
    public static Pass training(SequenceLayout layout, long seed, long step, Random random) {
        return new Pass(layout, true, seed, step, random);
    }

    /** An inference pass: no dropout. */
    public static Pass inference(SequenceLayout layout) {
        return new Pass(layout, false, 0, 0, null);
    }

    /** A generator for the model's passes (one per model; not shared between threads). */
    public static Random newRandom() {
        return Nd4j.getRandomFactory().getNewRandomInstance(0);
    }

    public SequenceLayout layout() {
        return layout;
    }

    public boolean training() {
        return training;
    }

    /** The generator, re-seeded for dropout site {@code site} (and sub-stream {@code part}) of this step. */
    Random randomFor(int site, int part) {
        random.setSeed(mix(mix(mix(seed) ^ step) ^ site) ^ part);
        return random;
    }

    /** SplitMix64's finaliser: decorrelates nearby seeds. */
    private static long mix(long z) {
        z += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
