package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bert4rec.train.metrics.RankingMetrics;
import org.bert4rec.train.metrics.RankingProtocol;
import org.bert4rec.train.metrics.TargetRanker;
import org.junit.jupiter.api.Test;

class ScoringLoopTest {
    private static final int ITEMS = 50;
    private static final int MAX_LEN = 30;

    private static List<ScoringRow> randomRows(SuccessorScorer scorer, int n, long seed) {
        Random random = new Random(seed);
        List<ScoringRow> rows = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int[] items = new int[1 + random.nextInt(MAX_LEN - 1)];
            for (int i = 0; i < items.length; i++) {
                items[i] = 1 + random.nextInt(ITEMS);
            }
            rows.add(scorer.row(1000 + u, items, 1 + random.nextInt(ITEMS)));
        }
        return rows;
    }

    @Test
    void rowsComeBackInInputOrderWithTheScoresOfAnUncutBatch() throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, 4, MAX_LEN);
        List<ScoringRow> rows = randomRows(scorer, 157, 1);
        List<float[]> gotLogits = new ArrayList<>();
        List<float[]> gotHidden = new ArrayList<>();
        List<Long> ordinals = new ArrayList<>();
        long n = new ScoringLoop(scorer, 8).run(rows.iterator(), r -> {
            ordinals.add(r.ordinal());
            assertEquals(rows.get((int) r.ordinal()), r.row());
            gotLogits.add(Arrays.copyOfRange(r.logits(), r.logitsOffset(), r.logitsOffset() + r.vocabSize()));
            gotHidden.add(r.hiddenVector());
        });
        assertEquals(157, n);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, ordinals.get(i));
            ScoringRow row = rows.get(i);
            ScoredBatch single = new SuccessorScorer(ITEMS, 4, MAX_LEN).score(1, MAX_LEN, row.inputIds(),
                    row.inputMask(), new int[] {row.position()});
            assertArrayEquals(single.logits(), gotLogits.get(i), "row " + i);
            assertArrayEquals(single.hidden(), gotHidden.get(i), "row " + i);
        }
    }

    /** Collects each row's ordinal, logits and hidden vector as the sink receives them. */
    private static List<String> scoredRows(SequenceScorer scorer, List<ScoringRow> rows) throws IOException {
        List<String> out = new ArrayList<>();
        new ScoringLoop(scorer, 8).run(rows.iterator(), r -> out.add(r.ordinal() + " " + Arrays.toString(
                Arrays.copyOfRange(r.logits(), r.logitsOffset(), r.logitsOffset() + r.vocabSize())) + " "
                + Arrays.toString(r.hiddenVector())));
        return out;
    }

    @Test
    void replicasScoreBatchesOnThreadsOfTheirOwnAndTheSinkSeesWhatOneScorerGives() throws IOException {
        List<ScoringRow> rows = randomRows(new SuccessorScorer(ITEMS, 4, MAX_LEN), 157, 5);
        List<SuccessorScorer> replicas = new ArrayList<>();
        List<Set<String>> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            threads.add(seen);
            replicas.add(new SuccessorScorer(ITEMS, 4, MAX_LEN) {
                @Override
                public ScoredBatch score(int batchSize, int seqLen, int[] ids, int[] mask, int[] positions) {
                    seen.add(Thread.currentThread().getName());
                    try {
                        Thread.sleep(5);   // so that one thread cannot take every batch before the others start
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return super.score(batchSize, seqLen, ids, mask, positions);
                }

                @Override
                public List<SequenceScorer> replicas() {
                    return List.copyOf(replicas);
                }
            });
        }
        List<String> parallel = scoredRows(replicas.get(0), rows);
        assertEquals(scoredRows(new SuccessorScorer(ITEMS, 4, MAX_LEN), rows), parallel);
        assertEquals(157, replicas.stream().mapToInt(r -> r.calls.stream().mapToInt(c -> c[0]).sum()).sum(),
                "every row scored once");
        long used = replicas.stream().filter(r -> !r.calls.isEmpty()).count();
        assertTrue(used >= 2, "batches spread over the replicas: " + used + " used");
        threads.forEach(t -> assertTrue(t.size() <= 1 && t.stream().allMatch("scoring"::equals),
                "a replica stays on its own scoring thread: " + t));
    }

    @Test
    void aReplicasFailureReachesTheCaller() {
        List<ScoringRow> rows = randomRows(new SuccessorScorer(ITEMS, 4, MAX_LEN), 40, 6);
        SuccessorScorer failing = new SuccessorScorer(ITEMS, 4, MAX_LEN) {
            @Override
            public ScoredBatch score(int batchSize, int seqLen, int[] ids, int[] mask, int[] positions) {
                throw new IllegalArgumentException("bad batch");
            }

            @Override
            public List<SequenceScorer> replicas() {
                return List.of(this, new SuccessorScorer(ITEMS, 4, MAX_LEN) {
                    @Override
                    public ScoredBatch score(int batchSize, int seqLen, int[] ids, int[] mask, int[] positions) {
                        throw new IllegalArgumentException("bad batch");
                    }
                });
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScoringLoop(failing, 8).run(rows.iterator(), r -> { }));
        assertEquals("bad batch", e.getMessage());
    }

    @Test
    void batchesAreCutToTheirLongestRowAndGroupedByLengthLongestFirst() throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, 4, MAX_LEN);
        List<ScoringRow> rows = randomRows(scorer, 64, 2);
        new ScoringLoop(scorer, 8).run(rows.iterator(), r -> { });
        int tokensScored = scorer.calls.stream().mapToInt(c -> c[0] * c[1]).sum();
        assertEquals(64, scorer.calls.stream().mapToInt(c -> c[0]).sum());
        assertTrue(tokensScored < 64 * MAX_LEN * 0.7, "padding was not cut: " + tokensScored + " tokens");
        int[] longestFirst = rows.stream().map(ScoringRow::usedLength).sorted(Comparator.reverseOrder())
                .mapToInt(Integer::intValue).toArray();
        for (int b = 0; b < scorer.calls.size(); b++) {
            assertEquals(longestFirst[b * 8], scorer.calls.get(b)[1], "batch " + b + " is cut to its longest row,"
                    + " and the longest batch comes first");
        }
    }

    @Test
    void evaluatorRanksEachRowAgainstItsOwnTarget() throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, 4, MAX_LEN);
        // first row's target is its successor (rank 0); the second's is not, and must not borrow the first's
        List<ScoringRow> rows = List.of(scorer.row(1, new int[] {3, 4}, 5), scorer.row(2, new int[] {7}, 1));
        List<Integer> ranks = new ArrayList<>();
        RankingMetrics metrics = new RankingMetrics(new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null));
        new ScoringLoop(scorer, 64).run(rows.iterator(), new RankingEvaluator(metrics, (r, rank) -> ranks.add(rank)));
        // row 2: successor 8 scores 10, then ids by ascending id: item 1 is next
        assertEquals(List.of(0, 1), ranks);
        assertEquals(0.5, metrics.summary().get("hit1"));
        assertEquals(1.0, metrics.summary().get("hit5"));
    }
}
