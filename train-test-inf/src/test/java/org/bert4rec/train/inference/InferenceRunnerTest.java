package org.bert4rec.train.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bert4rec.train.eval.IdNames;
import org.bert4rec.train.eval.ScoredBatch;
import org.bert4rec.train.eval.ScoringRow;
import org.bert4rec.train.eval.SuccessorScorer;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceRunnerTest {
    private static final int ITEMS = 20;
    private static final int HIDDEN = 6;

    /** Original item id = "m" + 10 x vocabulary id; original user id = "u" + encoded id. */
    static final IdNames NAMES = new IdNames() {
        @Override
        public String item(int id) {
            return "m" + (10 * id);
        }

        @Override
        public String user(long encoded) {
            return "u" + encoded;
        }
    };

    private static List<ScoringRow> rows(SuccessorScorer scorer, int users) {
        List<ScoringRow> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            rows.add(scorer.row(u + 1, new int[] {1 + u % ITEMS, 1 + (u * 7) % ITEMS}, ScoringRow.NO_TARGET));
        }
        return rows;
    }

    @Test
    void writesTopItemsWithOriginalIdsAndEmbeddingsPerUser(@TempDir Path dir) throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, HIDDEN, 10);
        InferenceRunner.Summary s = InferenceRunner.run(rows(scorer, 30).iterator(), "in.tfrecord", scorer, NAMES,
                1, ITEMS, new InferenceOptions(5, false, true, true, 4), dir);
        assertEquals(30, s.users());
        List<String> items = Files.readAllLines(InferenceFiles.items(dir));
        assertEquals(InferenceFiles.ITEMS_HEADER, items.get(0));
        assertEquals(1 + 30 * 5, items.size());
        // user 1 (encoded), last item 1 + (0*7)%20 = 1 -> successor 2 = "m20" first
        assertTrue(items.get(1).startsWith("u1,1,1,m20,"), items.get(1));
        // ranks 2..5: ids 1, 3, 4, 5 (scores fall with id; 2 is the successor)
        assertTrue(items.get(2).startsWith("u1,1,2,m10,"), items.get(2));
        assertTrue(items.get(5).startsWith("u1,1,5,m50,"), items.get(5));
        float[][] embs = NpyWriterTest.readNpy(InferenceFiles.embeddings(dir));
        assertEquals(30, embs.length);
        assertEquals(HIDDEN, embs[0].length, "embedding width = hidden size");
        List<String> ids = Files.readAllLines(InferenceFiles.embeddingIds(dir));
        assertEquals(InferenceFiles.EMBEDDING_IDS_HEADER, ids.get(0));
        assertEquals("29,u30,30", ids.get(30));
        assertEquals(1 + (29 * 7) % ITEMS, embs[29][0], "row 29's hidden vector is user 30's");
    }

    @Test
    void excludeSeenLeavesInputItemsOut(@TempDir Path dir) throws IOException {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, HIDDEN, 10);
        List<ScoringRow> one = List.of(scorer.row(9, new int[] {2, 1}, ScoringRow.NO_TARGET));
        InferenceRunner.run(one.iterator(), "in", scorer, NAMES, 1, ITEMS, new InferenceOptions(3, true, true, false,
                4), dir);
        List<String> items = Files.readAllLines(InferenceFiles.items(dir));
        // successor of 1 is 2, but 2 was seen: 3, 4, 5 follow by id
        assertEquals(List.of("u9,9,1,m30", "u9,9,2,m40", "u9,9,3,m50"),
                items.subList(1, 4).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        assertFalse(Files.exists(InferenceFiles.embeddings(dir)), "--is_embeddings false writes no embeddings");
    }

    @Test
    void aFailureHalfWayLeavesNoFilesBehind(@TempDir Path dir) throws IOException {
        SuccessorScorer good = new SuccessorScorer(ITEMS, HIDDEN, 10);
        SuccessorScorer failing = new SuccessorScorer(ITEMS, HIDDEN, 10) {
            private int calls;

            @Override
            public ScoredBatch score(int b, int len, int[] ids, int[] mask, int[] positions) {
                if (++calls == 3) {
                    throw new IllegalStateException("boom");
                }
                return super.score(b, len, ids, mask, positions);
            }
        };
        assertThrows(IllegalStateException.class, () -> InferenceRunner.run(rows(good, 200).iterator(), "in",
                failing, NAMES, 1, ITEMS, new InferenceOptions(5, false, true, true, 4), dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void noRecordsIsAUserError(@TempDir Path dir) {
        SuccessorScorer scorer = new SuccessorScorer(ITEMS, HIDDEN, 10);
        UserInputException e = assertThrows(UserInputException.class, () -> InferenceRunner.run(
                List.<ScoringRow>of().iterator(), "p.inference.tfrecord", scorer, NAMES, 1, ITEMS,
                new InferenceOptions(5, false, true, true, 4), dir));
        assertTrue(e.getMessage().contains("p.inference.tfrecord"), e.getMessage());
    }
}
