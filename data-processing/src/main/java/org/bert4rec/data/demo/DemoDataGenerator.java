package org.bert4rec.data.demo;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * Writes a learnable synthetic dataset in the seed's input shape: a CSV with columns {@code uid} and
 * {@code sid_add_to_cart} (items space-separated).
 *
 * <p>The rule: items are 1..n. Each chain starts with a popularity-weighted item (Zipf weights 1/rank, item 1 the
 * most popular); each next item is, with probability 1 − noise, the fixed successor {@code succ(i) = ((a·(i−1) + b)
 * mod n) + 1} of the previous one (a coprime to n, so succ is a permutation, and it has no fixed point), otherwise
 * again a popularity-weighted random item. Chain lengths are uniform in [minLength, maxLength].
 *
 * <p>So the next item is predictable from the last one about 1 − noise of the time, which a sequence model learns
 * quickly, while a most-popular ranking only catches the noise steps that land on popular items.
 */
public final class DemoDataGenerator {
    /** Multiplier of the successor rule; raised until coprime to n. */
    static final int SUCCESSOR_MULTIPLIER = 7;
    static final int SUCCESSOR_OFFSET = 13;

    private DemoDataGenerator() {
    }

    /** The successor rule's multiplier for {@code n} items: the first value from 7 up coprime to n. */
    static int multiplier(int n) {
        int a = SUCCESSOR_MULTIPLIER;
        while (gcd(a, n) != 1 || fixedPoint(a, n)) {
            a++;
        }
        return a;
    }

    /** succ(i) for items 1..n. */
    public static int successor(int item, int n) {
        return (int) (((long) multiplier(n) * (item - 1) + SUCCESSOR_OFFSET) % n) + 1;
    }

    /** The chains, user by user. */
    public static int[][] chains(DemoDataSpec s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        double[] cumulative = new double[s.items()];
        double total = 0;
        for (int i = 0; i < s.items(); i++) {
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
        int a = multiplier(s.items());
        int[][] out = new int[s.users()][];
        for (int u = 0; u < s.users(); u++) {
            int len = s.minLength() + rng.nextInt(s.maxLength() - s.minLength() + 1);
            int[] chain = new int[len];
            chain[0] = popular(rng, cumulative, total);
            for (int k = 1; k < len; k++) {
                chain[k] = rng.nextDouble() < s.noise() ? popular(rng, cumulative, total)
                        : (int) (((long) a * (chain[k - 1] - 1) + SUCCESSOR_OFFSET) % s.items()) + 1;
            }
            out[u] = chain;
        }
        return out;
    }

    /** Writes the CSV atomically. */
    public static void write(Path csv, DemoDataSpec s) {
        int[][] chains = chains(s);
        AtomicFiles.write(csv, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write("uid,sid_add_to_cart\n");
            for (int u = 0; u < chains.length; u++) {
                w.write(Integer.toString(u + 1));
                w.write(',');
                for (int k = 0; k < chains[u].length; k++) {
                    if (k > 0) {
                        w.write(' ');
                    }
                    w.write(Integer.toString(chains[u][k]));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    private static int popular(SplittableRandom rng, double[] cumulative, double total) {
        int i = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
        return (i >= 0 ? i : -i - 1) + 1;
    }

    private static boolean fixedPoint(int a, int n) {
        for (int i = 1; i <= n; i++) {
            if (((long) a * (i - 1) + SUCCESSOR_OFFSET) % n + 1 == i) {
                return true;
            }
        }
        return false;
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
