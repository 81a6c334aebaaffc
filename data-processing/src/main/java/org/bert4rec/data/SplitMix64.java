package org.bert4rec.data;

/**
 * A small, fast, splittable random generator (Steele, Lea and Flood's SplitMix64, the generator behind
 * {@link java.util.SplittableRandom}), written out so that its sequence is part of our file format's contract:
 * the same seed gives the same instances on every JVM.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A well-mixed seed for sub-stream {@code (a, b)} of {@code seed}: one per (window, masking round). */
    public static long derive(long seed, long a, long b) {
        return mix(mix(seed + GOLDEN_GAMMA * (a + 1)) + GOLDEN_GAMMA * (b + 1));
    }

    public long nextLong() {
        return mix(state += GOLDEN_GAMMA);
    }

    /** Uniform in [0, bound), by rejection so that it is exactly uniform. */
    public int nextInt(int bound) {
        int r = (int) (nextLong() >>> 33);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >>> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
            // reject the few values that would bias the result
        }
        return r;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
