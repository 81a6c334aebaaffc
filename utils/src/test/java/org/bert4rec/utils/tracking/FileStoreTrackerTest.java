package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage run in the local MLflow file store, checked field by field against FORMATS.md §4. */
class FileStoreTrackerTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private final TestClock clock = new TestClock(T0);

    private Tracker open(String stage) {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        return TrackerFactory.open(new TrackerFactory.StageRun(layout, stage, "bert4rec.jar " + stage,
                TrackingSettings.local(), warnings::add, clock));
    }

    @Test
    void stageRunIsLaidOutAsMlflowReadsIt() throws IOException {
        Path vocab = Files.writeString(root.resolve("demo.vocab"), "item\t1\n");
        Path model = Files.createDirectories(root.resolve("model"));
        Files.write(model.resolve("weights.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.createDirectories(model.resolve("config"));
        Files.writeString(model.resolve("config/bert_config.json"), "{}");

        Tracker t = open("train_val");
        t.logParams(Map.of("learning_rate", "1.0E-4", "model_name", "m1"));
        clock.advance(5);
        t.logMetric("loss", 7.5, 1);
        clock.advance(5);
        t.logMetric("loss", 0.25, 2);
        t.logMetric("odd", Double.NaN, 0);
        t.logMetrics(Map.of("val/ndcg_10", 0.125), 2);
        t.setTag("note", "hello world");
        t.logArtifact(vocab, "");
        t.logArtifact(model, "models");
        clock.advance(10);
        t.end(false);

        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Experiment def = reader.experiments().stream().filter(e -> e.id().equals("0")).findFirst()
                .orElseThrow();
        assertExperimentMeta(def, "Default");
        assertTrue(Files.isDirectory(root.resolve("mlruns/.trash")), "MLflow creates .trash with the store");
        MlrunsReader.Experiment exp = reader.experimentNamed("bert4rec_demo");
        assertTrue(exp.id().matches("[1-9][0-9]{17}"), exp.id());
        assertExperimentMeta(exp, "bert4rec_demo");

        List<MlrunsReader.Run> runs = reader.runs(exp);
        assertEquals(1, runs.size());
        MlrunsReader.Run run = runs.get(0);
        Map<String, Object> m = run.meta();
        assertEquals(Set.of("artifact_uri", "deleted_time", "end_time", "entry_point_name", "experiment_id",
                "lifecycle_stage", "run_id", "run_name", "run_uuid", "source_name", "source_type", "source_version",
                "start_time", "status", "tags", "user_id"), m.keySet());
        assertTrue(run.id().matches("[0-9a-f]{32}"), run.id());
        assertEquals(run.id(), m.get("run_id"));
        assertEquals(run.id(), m.get("run_uuid"));
        assertEquals(exp.id(), m.get("experiment_id"));
        assertEquals("train_val", m.get("run_name"));
        assertEquals("active", m.get("lifecycle_stage"));
        assertEquals(3, m.get("status"));
        assertEquals(4, m.get("source_type"));
        assertEquals("", m.get("source_name"));
        assertEquals("", m.get("source_version"));
        assertEquals("", m.get("entry_point_name"));
        assertEquals(List.of(), m.get("tags"));
        assertNull(m.get("deleted_time"));
        assertTrue(m.containsKey("deleted_time"));
        assertEquals(T0, ((Number) m.get("start_time")).longValue());
        assertEquals(T0 + 20, ((Number) m.get("end_time")).longValue());
        assertEquals(System.getProperty("user.name"), m.get("user_id"));
        assertEquals(exp.meta().get("artifact_location") + "/" + run.id() + "/artifacts", m.get("artifact_uri"));
        MlrunsReader.assertSortedKeys(run.dir().resolve("meta.yaml"));

        assertEquals(Map.of("learning_rate", "1.0E-4", "model_name", "m1"), run.params());
        Map<String, String> tags = run.tags();
        assertEquals("train_val", tags.get("mlflow.runName"));
        assertEquals(System.getProperty("user.name"), tags.get("mlflow.user"));
        assertEquals("bert4rec.jar train_val", tags.get("mlflow.source.name"));
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
        assertEquals("demo", tags.get("bert4rec.project"));
        assertEquals("hello world", tags.get("note"));
        assertFalse(tags.containsKey("mlflow.source.git.commit"), "the temp root is not a git work tree");

        Map<String, List<MlrunsReader.Metric>> metrics = run.metrics();
        assertEquals(List.of(new MlrunsReader.Metric(T0 + 5, 7.5, 1), new MlrunsReader.Metric(T0 + 10, 0.25, 2)),
                metrics.get("loss"));
        assertTrue(Double.isNaN(metrics.get("odd").get(0).value()));
        assertEquals(List.of(new MlrunsReader.Metric(T0 + 10, 0.125, 2)), metrics.get("val/ndcg_10"));

        assertEquals("item\t1\n", Files.readString(run.artifacts().resolve("demo.vocab")));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255},
                Files.readAllBytes(run.artifacts().resolve("models/model/weights.bin")));
        assertEquals("{}", Files.readString(run.artifacts().resolve("models/model/config/bert_config.json")));
        assertTrue(Files.isRegularFile(run.artifacts().resolve("provenance/config_mlflow.yaml")));
        assertEquals(List.of(), warnings);

        Map<String, Object> cfg = MlrunsReader.yaml(root.resolve("projects/demo/config/config_mlflow.yaml"));
        assertEquals("bert4rec_demo", cfg.get("last_experiment_name"));
        assertEquals(Map.of("experiment_name", "bert4rec_demo", "run_id", run.id()), cfg.get("train_val"));
        assertEquals(List.of("last_experiment_name", "train_val"), new ArrayList<>(cfg.keySet()));
    }

    private static void assertExperimentMeta(MlrunsReader.Experiment e, String name) {
        Map<String, Object> m = e.meta();
        assertEquals(Set.of("artifact_location", "creation_time", "experiment_id", "last_update_time",
                "lifecycle_stage", "name"), m.keySet());
        assertEquals(e.id(), m.get("experiment_id"), "experiment_id must be a string equal to the folder name");
        assertEquals(name, m.get("name"));
        assertEquals("active", m.get("lifecycle_stage"));
        assertTrue(m.get("creation_time") instanceof Number);
        assertTrue(m.get("last_update_time") instanceof Number);
        assertEquals(e.dir().toUri().toString().replaceAll("/$", ""), m.get("artifact_location"));
        assertTrue(((String) m.get("artifact_location")).startsWith("file:///"));
        MlrunsReader.assertSortedKeys(e.dir().resolve("meta.yaml"));
    }

    @Test
    void failingStageMarksItsRunFailed() {
        Tracker t = open("test");
        t.end(true);
        t.end(false); // a second end changes nothing
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Run run = reader.runs(reader.experimentNamed("bert4rec_demo")).get(0);
        assertEquals(4, run.meta().get("status"));
    }

    @Test
    void metricsAreWrittenInBatchesNotPerStep() throws IOException {
        Tracker t = open("train_val");
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Run run = reader.runs(reader.experimentNamed("bert4rec_demo")).get(0);
        Path lossFile = run.dir().resolve("metrics/loss");
        for (int step = 0; step < 999; step++) {
            t.logMetric("loss", step, step);
        }
        assertFalse(Files.exists(lossFile), "999 values stay buffered");
        t.logMetric("loss", 999, 999);
        assertEquals(1000, Files.readAllLines(lossFile).size(), "the 1000th value sends a full batch");
        t.logMetric("loss", 1000, 1000);
        clock.advance(MlflowTracker.DEFAULT_FLUSH_INTERVAL.toMillis());
        t.logMetric("loss", 1001, 1001);
        assertEquals(1002, Files.readAllLines(lossFile).size(), "after the flush interval buffered values go out");
        t.logMetric("loss", 1002, 1002);
        t.end(false);
        List<MlrunsReader.Metric> values = run.metrics().get("loss");
        assertEquals(1003, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(i, values.get(i).step());
            assertEquals(i, values.get(i).value());
        }
    }

    @Test
    void paramsNeverChangeAndBadKeysAreFixedWithOneWarning() {
        Tracker t = open("test");
        t.logParams(Map.of("batch_size", "64"));
        t.logParams(Map.of("batch_size", "64"));
        assertEquals(List.of(), warnings);
        t.logParams(Map.of("batch_size", "128"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("batch_size"), warnings.get(0));
        t.logMetric("ndcg@10", 0.5, 0);
        t.logMetric("ndcg@10", 0.6, 1);
        assertEquals(2, warnings.size(), "one warning per bad key");
        t.setTag("long", "x".repeat(MlflowLimits.MAX_TAG_VALUE_LENGTH + 10));
        t.end(false);
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Run run = reader.runs(reader.experimentNamed("bert4rec_demo")).get(0);
        assertEquals("64", run.params().get("batch_size"));
        assertEquals(2, run.metrics().get("ndcg_10").size());
        assertEquals(MlflowLimits.MAX_TAG_VALUE_LENGTH, run.tags().get("long").length());
    }

    @Test
    void stagesJoinTheExperimentOfConfigMlflowAndKeepItsOtherKeys() throws IOException {
        Path cfg = root.resolve("projects/demo/config/config_mlflow.yaml");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "last_experiment_name: bert4rec_train_val_2023-10-20 15:03:04.198528_master\n"
                + "custom_key: keep me\n"
                + "data_processing_raw_train_val_test:\n  experiment_name: old\n  run_id: c410384c76944dd08ec10fd6537c76fd\n");
        open("train_val").end(false);
        open("test").end(false);

        Map<String, Object> y = MlrunsReader.yaml(cfg);
        assertEquals(List.of("last_experiment_name", "custom_key", "data_processing_raw_train_val_test", "train_val",
                "test"), new ArrayList<>(y.keySet()));
        String exp = "bert4rec_train_val_2023-10-20 15:03:04.198528_master";
        assertEquals(exp, y.get("last_experiment_name"));
        assertEquals("keep me", y.get("custom_key"));
        assertEquals(Map.of("experiment_name", "old", "run_id", "c410384c76944dd08ec10fd6537c76fd"),
                y.get("data_processing_raw_train_val_test"));

        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        List<MlrunsReader.Run> runs = reader.runs(reader.experimentNamed(exp));
        Set<String> names = new TreeSet<>();
        runs.forEach(r -> names.add((String) r.meta().get("run_name")));
        assertEquals(Set.of("train_val", "test"), names);
        @SuppressWarnings("unchecked")
        Map<String, Object> testEntry = (Map<String, Object>) y.get("test");
        assertTrue(runs.stream().anyMatch(r -> r.id().equals(testEntry.get("run_id"))));
        assertEquals(2, reader.experiments().size(), "Default and the one experiment");
    }

    @Test
    void foldersTheUiSkipsAreSkippedHereToo() throws IOException {
        Path mlruns = root.resolve("mlruns");
        Files.createDirectories(mlruns.resolve("models/bert4rec_demo"));
        Files.createDirectories(mlruns.resolve("123456"));
        Path impostor = Files.createDirectories(mlruns.resolve("777"));
        Files.writeString(impostor.resolve("meta.yaml"), "experiment_id: '778'\nname: bert4rec_demo\n"
                + "lifecycle_stage: active\nartifact_location: file:///nowhere\n");
        open("test").end(false);
        MlrunsReader reader = new MlrunsReader(mlruns);
        MlrunsReader.Experiment exp = reader.experimentNamed("bert4rec_demo");
        assertTrue(exp.id().length() == 18, "a new experiment, not the impostor folder: " + exp.id());
    }

    @Test
    void deletedExperimentIsRefusedWithAClearMessage() throws IOException {
        FileTrackingStore store = new FileTrackingStore(root.resolve("mlruns"), clock);
        ExperimentRef e = store.createExperiment("bert4rec_demo");
        Path trash = Files.createDirectories(root.resolve("mlruns/.trash"));
        Path moved = Files.move(root.resolve("mlruns").resolve(e.id()), trash.resolve(e.id()));
        Path meta = moved.resolve("meta.yaml");
        Files.writeString(meta, Files.readString(meta).replace("lifecycle_stage: active", "lifecycle_stage: deleted"));
        UserInputException ex = assertThrows(UserInputException.class, () -> open("test"));
        assertTrue(ex.getMessage().contains("bert4rec_demo") && ex.getMessage().contains("deleted"), ex.getMessage());
    }

    @Test
    void trackingUriPathSelectsAnotherLocalStore() {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLFLOW_TRACKING_URI", "file:" + root.resolve("elsewhere"));
        Tracker t = TrackerFactory.open(new TrackerFactory.StageRun(layout, "test", "x",
                TrackingSettings.fromVariables(env), warnings::add, clock));
        t.end(false);
        assertEquals(1, new MlrunsReader(root.resolve("elsewhere")).runs(
                new MlrunsReader(root.resolve("elsewhere")).experimentNamed("bert4rec_demo")).size());
        assertFalse(Files.exists(root.resolve("mlruns")));
    }
}
