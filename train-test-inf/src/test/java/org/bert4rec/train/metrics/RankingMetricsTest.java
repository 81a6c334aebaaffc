package org.bert4rec.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final double EPS = 1e-12;
    /** 200 real items, ids 1..200; id 0 is padding, 201..203 are special tokens. */
    private static final int ITEMS = 200;
    private static final int VOCAB = ITEMS + 4;

    /** Scores where exactly {@code beaten} items score above the target (item 7). */
    private static float[] scoresWithRank(int beaten) {
        float[] s = new float[VOCAB];
        for (int id = 1; id <= ITEMS; id++) {
            s[id] = -id;
        }
        s[7] = 0.5f;
        for (int i = 0, id = 1; i < beaten; id++) {
            if (id != 7) {
                s[id] = 1.0f + i;
                i++;
            }
        }
        return s;
    }

    private static int fullRank(float[] scores, int target) {
        return new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null).rank(scores, 0, target, null, 0);
    }

    @Test
    void perfectHitHasRankZeroAndEveryMetricOne() {
        RankingMetrics m = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        assertEquals(0, m.add(scoresWithRank(0), 0, 7, null, 0));
        Map<String, Double> s = m.summary();
        for (String key : List.of("ndcg1", "ndcg5", "ndcg10", "ndcg100", "hit1", "hit5", "hit10", "hit100", "mrr")) {
            assertEquals(1.0, s.get(key), EPS, key);
        }
        assertEquals(1.0, s.get("rank100"));
        assertEquals(100.0, s.get("rank100_percent"), EPS);
        assertEquals(1.0, s.get("users"));
    }

    @Test
    void summaryKeysComeInTheDocumentedOrder() {
        RankingMetrics m = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        m.addRank(3);
        assertEquals(List.of("ndcg1", "ndcg5", "ndcg10", "ndcg100", "hit1", "hit5", "hit10", "hit100", "mrr",
                "rank100", "rank100_percent", "users"), List.copyOf(m.summary().keySet()));
    }

    @Test
    void ranksAtTheCutOffs() {
        assertEquals(9, fullRank(scoresWithRank(9), 7));
        assertEquals(10, fullRank(scoresWithRank(10), 7));
        assertEquals(99, fullRank(scoresWithRank(99), 7));
        assertEquals(100, fullRank(scoresWithRank(100), 7));

        RankingMetrics nine = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        nine.addRank(9);
        Map<String, Double> s9 = nine.summary();
        assertEquals(0.0, s9.get("hit5"));
        assertEquals(1.0, s9.get("hit10"));
        assertEquals(1.0 / (Math.log(11) / Math.log(2)), s9.get("ndcg10"), EPS);
        assertEquals(0.0, s9.get("ndcg5"));
        assertEquals(0.1, s9.get("mrr"), EPS);

        RankingMetrics ten = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        ten.addRank(10);
        Map<String, Double> s10 = ten.summary();
        assertEquals(0.0, s10.get("hit10"));
        assertEquals(0.0, s10.get("ndcg10"));
        assertEquals(1.0, s10.get("hit100"));
        assertEquals(1.0 / (Math.log(12) / Math.log(2)), s10.get("ndcg100"), EPS);

        RankingMetrics edge = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        edge.addRank(99);
        edge.addRank(100);
        Map<String, Double> se = edge.summary();
        assertEquals(0.5, se.get("hit100"), EPS);
        assertEquals(1.0, se.get("rank100"));
        assertEquals(50.0, se.get("rank100_percent"), EPS);
        assertEquals((1.0 / (Math.log(101) / Math.log(2))) / 2, se.get("ndcg100"), EPS);
        assertEquals((1.0 / 100 + 1.0 / 101) / 2, se.get("mrr"), EPS);
        assertEquals(2.0, se.get("users"));
    }

    @Test
    void tiesCountAgainstTheModel() {
        float[] s = new float[VOCAB];
        assertEquals(ITEMS - 1, fullRank(s, 7), "all scores equal: the worst rank");
        s[7] = 1f;
        s[3] = 1f;
        s[150] = 1f;
        assertEquals(2, fullRank(s, 7));
    }

    @Test
    void paddingAndSpecialTokensAreNeverCandidates() {
        float[] s = scoresWithRank(0);
        s[0] = 100f;
        s[ITEMS + 1] = 100f;
        s[ITEMS + 2] = 100f;
        s[ITEMS + 3] = 100f;
        assertEquals(0, fullRank(s, 7));
    }

    @Test
    void nanNeverHelpsTheModel() {
        float[] s = scoresWithRank(0);
        s[20] = Float.NaN;
        assertEquals(1, fullRank(s, 7));
        s[7] = Float.NaN;
        assertEquals(ITEMS - 1, fullRank(s, 7));
    }

    @Test
    void excludedSeenItemsAreNotCandidatesButTheTargetStays() {
        float[] s = scoresWithRank(5); // items 1,2,3,4,5 beat item 7
        RankingProtocol excl = RankingProtocol.fullRanking(1, ITEMS).withExcludeSeen(true);
        TargetRanker ranker = new TargetRanker(excl, null);
        // seen: two beating items (one twice), a losing item, padding, a special token and the target itself
        int[] seen = {2, 4, 4, 100, 0, ITEMS + 2, 7};
        assertEquals(3, ranker.rank(s, 0, 7, seen, 0));
        assertEquals(5, new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null).rank(s, 0, 7, seen, 0),
                "without --exclude_seen the seen items stay candidates");
        int[] candidates = ranker.candidates(7, seen, 0);
        assertEquals(ITEMS - 3, candidates.length);
        assertEquals(7, candidates[4], "1 3 5 6 7: the target is kept");
    }

    @Test
    void rowsAreReadAtTheirOffset() {
        float[] two = new float[2 * VOCAB];
        float[] second = scoresWithRank(4);
        System.arraycopy(second, 0, two, VOCAB, VOCAB);
        assertEquals(4, new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null).rank(two, VOCAB, 7, null, 0));
    }

    @Test
    void refusesTargetsOutsideTheCandidatesAndEmptySummaries() {
        TargetRanker r = new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null);
        assertThrows(IllegalArgumentException.class, () -> r.rank(new float[VOCAB], 0, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> r.rank(new float[VOCAB], 0, ITEMS + 1, null, 0));
        assertThrows(IllegalStateException.class, () -> RankingMetrics.of(RankingProtocol.fullRanking(1, 5)).summary());
    }

    @Test
    void textAndJsonRenderings() {
        RankingMetrics m = RankingMetrics.of(RankingProtocol.fullRanking(1, ITEMS));
        m.addRank(0);
        m.addRank(1);
        String text = MetricsText.render("BERT4Rec test results", List.of("model: m1"), m.summary());
        assertEquals(true, text.startsWith("# BERT4Rec test results\n# model: m1\nndcg1 = 0.500000\n"), text);
        assertEquals(true, text.contains("\nrank100 = 2\n"), text);
        assertEquals(true, text.endsWith("users = 2\n"), text);
        String json = MetricsJson.render(m.summary());
        assertEquals(true, json.contains("\"users\" : 2\n"), json);
        assertEquals(true, json.contains("\"hit1\" : 0.5,"), json);
        assertEquals(true, json.contains("\"mrr\" : 0.75,"), json);
    }
}
