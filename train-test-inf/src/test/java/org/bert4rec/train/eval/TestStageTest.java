package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bert4rec.train.metrics.NegativeSampling;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tracking.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestStageTest {
    private static final int USERS = 40;

    private static TestStage.Settings settings(String model, boolean predictions) {
        return new TestStage.Settings(model, 16, predictions, false, 0, NegativeSampling.POPULARITY, 1);
    }

    private static PrintWriter err() {
        return new PrintWriter(new StringWriter());
    }

    private static List<Path> results(ProjectFixture f) throws IOException {
        Path dir = f.layout.resultsDir(ProjectFixture.MODEL);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void ranksEveryUserAndWritesTheResultFiles(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        TestRunner.Result r = TestStage.run(f.layout, settings(null, true), ProjectFixture.loader(), Tracker.none(),
                err());
        // users u % 3 == 2 have true item 1, ranked behind the successor unless the successor is item 1 itself
        long hits = 0;
        for (int u = 0; u < USERS; u++) {
            int len = 2 + u % 4;
            int lastInput = (u % ProjectFixture.ITEMS + len - 2) % ProjectFixture.ITEMS + 1;
            int successor = lastInput % ProjectFixture.ITEMS + 1;
            hits += u % 3 != 2 || successor == 1 ? 1 : 0;
        }
        assertEquals((double) hits / USERS, r.metrics().get("hit1"), 1e-12);
        assertEquals(1.0, r.metrics().get("hit5"));
        assertEquals(USERS, r.metrics().get("users"));
        Path dir = f.layout.resultsDir(ProjectFixture.MODEL);
        assertTrue(Files.readString(ResultFiles.TEST.results(dir)).contains("# protocol: full ranking over items 1..30"));
        assertTrue(Files.readString(ResultFiles.TEST.metrics(dir)).contains("\"users\" : 40"));
        List<String> preds = Files.readAllLines(ResultFiles.TEST.predictions(dir));
        assertEquals(USERS + 1, preds.size());
        // user 0 (original 101): input 1, [MASK]; true item 2 = "m20", the successor: rank 0
        assertEquals("101\t0\tm20\t0\tm20:9.998", preds.get(1));
    }

    @Test
    void sampledNegativesAndExclusionRun(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        TestRunner.Result r = TestStage.run(f.layout, new TestStage.Settings(ProjectFixture.MODEL, 16, false, true,
                10, NegativeSampling.UNIFORM, 3), ProjectFixture.loader(), Tracker.none(), err());
        assertEquals(USERS, r.metrics().get("users"));
        assertTrue(Files.readString(ResultFiles.TEST.results(f.layout.resultsDir(ProjectFixture.MODEL)))
                .contains("10 uniform-sampled negatives per user (seed 3)"));
    }

    @Test
    void aVocabularyOfAnotherSizeIsRefusedWithBothNumbers(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        ScorerLoader bigger = dir -> new ScorerLoader.Loaded(
                new SuccessorScorer(ProjectFixture.ITEMS + 1, ProjectFixture.HIDDEN, ProjectFixture.MAX_LEN), 7);
        UserInputException e = assertThrows(UserInputException.class,
                () -> TestStage.run(f.layout, settings(null, false), bigger, Tracker.none(), err()));
        assertTrue(e.getMessage().contains("has vocab_size 34 but model m1"), e.getMessage());
        assertTrue(e.getMessage().contains("has vocab_size 35"), e.getMessage());
        assertEquals(List.of(), results(f));
    }

    @Test
    void recordsOfAnotherMaxSeqLengthAreRefusedAndNothingIsWritten(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        ProjectFixture.writeRecords(f.layout.processed().resolve("p.train_val_test.test.tfrecord"), USERS, 6);
        UserInputException e = assertThrows(UserInputException.class,
                () -> TestStage.run(f.layout, settings(null, true), ProjectFixture.loader(), Tracker.none(), err()));
        assertTrue(e.getMessage().contains("p.train_val_test.test.tfrecord, record 0"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 8"), e.getMessage());
        assertEquals(List.of(), results(f));
    }

    @Test
    void anEmptyOrMissingTestFileIsNamed(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        Path test = f.layout.processed().resolve("p.train_val_test.test.tfrecord");
        Files.write(test, new byte[0]);
        UserInputException empty = assertThrows(UserInputException.class,
                () -> TestStage.run(f.layout, settings(null, false), ProjectFixture.loader(), Tracker.none(), err()));
        assertTrue(empty.getMessage().endsWith("holds no records: run the all stage with --task train_val_test or"
                + " test to write the test records"), empty.getMessage());
        Files.delete(test);
        UserInputException missing = assertThrows(UserInputException.class,
                () -> TestStage.run(f.layout, settings(null, false), ProjectFixture.loader(), Tracker.none(), err()));
        assertTrue(missing.getMessage().endsWith("does not exist: write it with bert4rec all --task train_val_test"),
                missing.getMessage());
        assertEquals(List.of(), results(f));
    }

    @Test
    void anIncompleteModelFolderNamesTheMissingFileAndItsStage(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        Files.delete(f.layout.modelDir(ProjectFixture.MODEL).resolve("config/data_config_p.json"));
        UserInputException e = assertThrows(UserInputException.class, () -> TestStage.run(f.layout,
                settings(ProjectFixture.MODEL, false), ProjectFixture.loader(), Tracker.none(), err()));
        assertTrue(e.getMessage().contains("data_config_p.json is missing (written by all"), e.getMessage());
        Files.delete(f.layout.modelDir(ProjectFixture.MODEL).resolve("ckpt-7"));
        assertFalse(Files.exists(f.layout.resultsDir(ProjectFixture.MODEL)));
    }

    @Test
    void metricsAndResultFilesGoToTheTracker(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        RecordingTracker tracker = new RecordingTracker();
        TestStage.run(f.layout, settings(null, false), ProjectFixture.loader(), tracker, err());
        assertEquals(Map.of("model_name", "m1"), Map.of("model_name", tracker.params.get("model_name")));
        assertEquals(USERS, tracker.metrics.get("users"));
        assertEquals(7L, tracker.step);
        assertEquals(2, tracker.artifacts.size());
    }
}
