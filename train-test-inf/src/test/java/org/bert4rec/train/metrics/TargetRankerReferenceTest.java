package org.bert4rec.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass ranker against the obvious slow way: sort every candidate and find the true item. */
class TargetRankerReferenceTest {
    private static final int ITEMS = 300;
    private static final int VOCAB = ITEMS + 4;

    /**
     * The naive rank: candidates sorted by descending score, the true item placed after every candidate with the
     * same score (ties count against the model); a NaN candidate beats everything, a NaN true item loses to all.
     */
    private static int naiveRank(float[] scores, int offset, int target, int[] candidates) {
        List<Integer> order = new ArrayList<>();
        for (int id : candidates) {
            order.add(id);
        }
        Comparator<Integer> byScore = (a, b) -> {
            float sa = scores[offset + a];
            float sb = scores[offset + b];
            double ka = Float.isNaN(sa) ? (a == target ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : sa;
            double kb = Float.isNaN(sb) ? (b == target ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : sb;
            int c = Double.compare(kb, ka);
            if (c != 0) {
                return c;
            }
            return Boolean.compare(a == target, b == target); // the target after its ties
        };
        order.sort(byScore);
        return order.indexOf(target);
    }

    private static int[] allExcept(int[] seen, int target, boolean excludeSeen) {
        List<Integer> out = new ArrayList<>();
        for (int id = 1; id <= ITEMS; id++) {
            boolean isSeen = false;
            for (int s : seen) {
                isSeen |= s == id;
            }
            if (id == target || !(excludeSeen && isSeen)) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void fullRankingMatchesSortingEverything() {
        Random random = new Random(7);
        for (boolean excludeSeen : new boolean[] {false, true}) {
            TargetRanker ranker = new TargetRanker(
                    RankingProtocol.fullRanking(1, ITEMS).withExcludeSeen(excludeSeen), null);
            RankingMetrics metrics = new RankingMetrics(ranker);
            RankingMetrics reference = new RankingMetrics(ranker);
            for (int row = 0; row < 400; row++) {
                float[] scores = randomScores(random, 2);
                int target = 1 + random.nextInt(ITEMS);
                int[] seen = randomSeen(random, target);
                int rank = metrics.add(scores, VOCAB, target, seen, row);
                int expected = naiveRank(scores, VOCAB, target, allExcept(seen, target, excludeSeen));
                assertEquals(expected, rank, "row " + row + " excludeSeen " + excludeSeen);
                reference.addRank(expected);
            }
            assertEquals(reference.summary(), metrics.summary());
        }
    }

    @Test
    void sampledRankingMatchesSortingTheSampledCandidates() {
        Random random = new Random(11);
        long[] popularity = new long[VOCAB];
        for (int id = 1; id <= ITEMS; id++) {
            popularity[id] = 1 + random.nextInt(50);
        }
        for (NegativeSampling how : NegativeSampling.values()) {
            for (boolean excludeSeen : new boolean[] {false, true}) {
                RankingProtocol p = RankingProtocol.fullRanking(1, ITEMS).withExcludeSeen(excludeSeen)
                        .withSampledNegatives(100, how, 42);
                TargetRanker ranker = new TargetRanker(p, popularity);
                for (int row = 0; row < 200; row++) {
                    float[] scores = randomScores(random, 1);
                    int target = 1 + random.nextInt(ITEMS);
                    int[] seen = randomSeen(random, target);
                    int[] candidates = ranker.candidates(target, seen, row);
                    assertEquals(101, candidates.length);
                    assertEquals(naiveRank(scores, 0, target, candidates), ranker.rank(scores, 0, target, seen, row));
                }
            }
        }
    }

    /** {@code rows} rows of scores; values on a coarse grid so that ties are common, and a few NaNs. */
    private static float[] randomScores(Random random, int rows) {
        float[] s = new float[rows * VOCAB];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(1000) < 2 ? Float.NaN : random.nextInt(40) / 4f;
        }
        return s;
    }

    private static int[] randomSeen(Random random, int target) {
        int[] seen = new int[random.nextInt(60)];
        for (int i = 0; i < seen.length; i++) {
            int r = random.nextInt(20);
            seen[i] = r == 0 ? 0 : r == 1 ? ITEMS + 2 : r == 2 ? target : 1 + random.nextInt(ITEMS);
        }
        return seen;
    }
}
