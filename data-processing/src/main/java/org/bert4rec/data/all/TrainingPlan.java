package org.bert4rec.data.all;

import java.util.Arrays;

import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.SplitMix64;
import org.bert4rec.utils.UserInputException;

/**
 * The training instances of the all stage, as numbers: instance {@code k × W + w} is masking round k of window w
 * (W windows; rounds 0..dupe_factor-1 are random maskings, round dupe_factor masks the last item), and the output
 * order is a seeded Fisher-Yates permutation of those numbers. An instance is made on demand from its number, so
 * the plan costs a few bytes per instance and any thread can make any instance.
 */
final class TrainingPlan {
    /** Sub-stream of the seed used for the shuffle (instances use (user, window start) sub-streams). */
    private static final long SHUFFLE_STREAM = -1;

    private final int[] users;
    private final int[][] chains;
    private final int[] windowChain;
    private final int[] windowStart;
    private final int[] windowLen;
    private final int dupeFactor;
    private final long seed;
    private final int[] order;

    private TrainingPlan(int[] users, int[][] chains, int[] windowChain, int[] windowStart, int[] windowLen,
            int dupeFactor, long seed) {
        this.users = users;
        this.chains = chains;
        this.windowChain = windowChain;
        this.windowStart = windowStart;
        this.windowLen = windowLen;
        this.dupeFactor = dupeFactor;
        this.seed = seed;
        long total = (long) windowChain.length * (dupeFactor + 1);
        if (total > Integer.MAX_VALUE - 8) {
            throw new UserInputException("the training file would hold " + total + " instances, more than one file"
                    + " can: lower --dupe_factor or raise --prop_sliding_window");
        }
        order = new int[(int) total];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, SHUFFLE_STREAM, SHUFFLE_STREAM));
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Windows over each chain's first {@code length - holdOut} items: all of them, or the most recent
     * {@code max_windows_per_chain}.
     */
    static TrainingPlan build(int[] users, int[][] chains, int holdOut, AllOptions o) {
        int count = 0;
        for (int[] c : chains) {
            count += starts(c.length - holdOut, o).length;
        }
        int[] wc = new int[count];
        int[] ws = new int[count];
        int[] wl = new int[count];
        int w = 0;
        for (int c = 0; c < chains.length; c++) {
            int n = chains[c].length - holdOut;
            for (int s : starts(n, o)) {
                wc[w] = c;
                ws[w] = s;
                wl[w] = Math.min(o.maxSeqLength(), n - s);
                w++;
            }
        }
        return new TrainingPlan(users, chains, wc, ws, wl, o.dupeFactor(), o.seed());
    }

    private static int[] starts(int n, AllOptions o) {
        int[] all = Windows.starts(n, o.maxSeqLength(), o.slidingStep());
        int keep = o.maxWindowsPerChain();
        return keep == 0 || keep >= all.length ? all : Arrays.copyOfRange(all, all.length - keep, all.length);
    }

    int size() {
        return order.length;
    }

    int windows() {
        return windowChain.length;
    }

    /** The instance written at output position {@code i}. */
    MaskedLmInstance make(int i, InstanceFactory factory) {
        int id = order[i];
        int w = id % windowChain.length;
        int round = id / windowChain.length;
        int c = windowChain[w];
        if (round == dupeFactor) {
            return factory.maskLast(users[c], chains[c], windowStart[w], windowLen[w]);
        }
        long stream = (long) users[c] << 32 | windowStart[w];
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, stream, round));
        return factory.randomMasking(users[c], chains[c], windowStart[w], windowLen[w], rng);
    }
}
