package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bert4rec.train.metrics.RankingProtocol;
import org.bert4rec.train.metrics.TargetRanker;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunnerTest {
    private static final int ITEMS = 20;

    private static final IdNames NAMES = new IdNames() {
        @Override
        public String item(int id) {
            return "m" + (10 * id);
        }

        @Override
        public String user(long encoded) {
            return "u" + encoded;
        }
    };

    @Test
    void writesResultsMetricsAndPredictionsUpToTheTrueItem(@TempDir Path dir) throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, 3, 8);
        // user 1: true item is the successor (rank 0); user 2: true item 3 behind successor 6, then 1 and 2
        List<ScoringRow> rows = List.of(scorer.row(1, new int[] {4, 5}, 6), scorer.row(2, new int[] {5}, 3));
        TargetRanker ranker = new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null);
        TestRunner.Result r = TestRunner.run(rows.iterator(), "t.tfrecord", scorer, ranker, NAMES, 4, true,
                List.of("model: m"), dir);
        assertEquals(0.5, r.metrics().get("hit1"));
        assertEquals(1.0, r.metrics().get("hit5"));
        assertEquals((1.0 + 1.0 / 4) / 2, r.metrics().get("mrr"), 1e-12);
        assertEquals(3, r.files().size());
        String text = Files.readString(ResultFiles.TEST.results(dir));
        assertTrue(text.startsWith("# BERT4Rec test results\n# model: m\nndcg1 = 0.500000\n"), text);
        assertTrue(Files.readString(ResultFiles.TEST.metrics(dir)).contains("\"users\" : 2"));
        List<String> preds = Files.readAllLines(ResultFiles.TEST.predictions(dir));
        assertEquals(PredictionsWriter.HEADER, preds.get(0));
        assertEquals("u1\t1\tm60\t0\tm60:9.994", preds.get(1));
        assertEquals("u2\t2\tm30\t3\tm60:9.994 m10:-0.001 m20:-0.002 m30:-0.003", preds.get(2));
    }

    @Test
    void emptyTestFileIsAUserErrorAndWritesNothing(@TempDir Path dir) throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, 3, 8);
        TargetRanker ranker = new TargetRanker(RankingProtocol.fullRanking(1, ITEMS), null);
        UserInputException e = assertThrows(UserInputException.class, () -> TestRunner.run(
                List.<ScoringRow>of().iterator(), "p.test.tfrecord", scorer, ranker, NAMES, 4, true, List.of(), dir));
        assertTrue(e.getMessage().startsWith("p.test.tfrecord holds no records"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
