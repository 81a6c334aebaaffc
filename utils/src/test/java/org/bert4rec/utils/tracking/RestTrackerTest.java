package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.project.ProjectLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage runs on an MLflow server, against a strict in-process stand-in (no real server can be installed here). */
class RestTrackerTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private final TestClock clock = new TestClock(T0);
    private FakeMlflowServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Tracker open(String trackingUri, String stage) {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        return TrackerFactory.open(new TrackerFactory.StageRun(layout, stage, "bert4rec.jar " + stage,
                TrackingSettings.fromVariables(Map.of("MLFLOW_TRACKING_URI", trackingUri)), warnings::add, clock));
    }

    @Test
    void stageRunFollowsTheRestApiWithBatchedMetrics() throws IOException {
        server = new FakeMlflowServer("mlflow-artifacts:");
        Path model = Files.createDirectories(root.resolve("model dir"));
        Files.write(model.resolve("weights.bin"), new byte[] {9, 8, 7});
        Files.writeString(Files.createDirectories(model.resolve("config")).resolve("train config.json"), "{\"a\":1}");

        Tracker t = open(server.uri(), "train_val");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            params.put("p" + i, "v" + i);
        }
        t.logParams(params);
        for (int step = 0; step < 2500; step++) {
            t.logMetric("loss", 1.0 / (step + 1), step);
        }
        t.logMetric("weird", Double.NaN, 0);
        t.setTag("note", "x");
        t.logArtifact(model, "models");
        t.end(false);

        assertEquals(List.of(), server.violations);
        assertEquals(List.of(), warnings);
        assertFalse(Files.exists(root.resolve("mlruns")), "nothing went to the local store");
        FakeMlflowServer.Experiment exp = server.experiments.values().stream()
                .filter(e -> e.name.equals("bert4rec_demo")).findFirst().orElseThrow();
        assertEquals(1, server.runs.size());
        FakeMlflowServer.Run run = server.runs.values().iterator().next();
        assertEquals(exp.id, run.experimentId);
        assertEquals("train_val", run.runName);
        assertEquals("FINISHED", run.status);
        assertEquals(T0, run.startTime);
        assertEquals(T0, run.endTime);
        assertEquals(System.getProperty("user.name"), run.userId);
        assertEquals(params, run.params);
        assertEquals("train_val", run.tags.get("mlflow.runName"));
        assertEquals("LOCAL", run.tags.get("mlflow.source.type"));
        assertEquals("bert4rec.jar train_val", run.tags.get("mlflow.source.name"));
        assertEquals("demo", run.tags.get("bert4rec.project"));
        assertEquals("x", run.tags.get("note"));

        List<MetricPoint> loss = run.metrics.stream().filter(m -> m.key().equals("loss")).toList();
        assertEquals(2500, loss.size());
        for (int step = 0; step < 2500; step++) {
            assertEquals(step, loss.get(step).step());
            assertEquals(1.0 / (step + 1), loss.get(step).value());
            assertEquals(T0, loss.get(step).timestampMs());
        }
        assertTrue(run.metrics.stream().anyMatch(m -> m.key().equals("weird") && Double.isNaN(m.value())));

        // 150 params: 2 requests; 2501 metrics: 3; one tag: 1. Nothing per step.
        assertEquals(6, server.requestsTo(FakeMlflowServer.API + "runs/log-batch").size());
        assertEquals(1, server.requestsTo(FakeMlflowServer.API + "runs/create").size());
        assertEquals(1, server.requestsTo(FakeMlflowServer.API + "runs/update").size());

        assertArrayEquals(new byte[] {9, 8, 7}, server.artifacts.get(run.id + "/models/model dir/weights.bin"));
        assertEquals("{\"a\":1}", new String(server.artifacts.get(run.id + "/models/model dir/config/train config.json")));
        String cfg = new String(server.artifacts.get(run.id + "/provenance/config_mlflow.yaml"));
        assertTrue(cfg.contains("run_id: " + run.id), cfg);
        assertEquals(cfg, Files.readString(root.resolve("projects/demo/config/config_mlflow.yaml")));
    }

    @Test
    void batchesStayUnderOneMegabyteWhateverTheEscaping() throws IOException {
        server = new FakeMlflowServer("mlflow-artifacts:");
        Tracker t = open(server.uri(), "test");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            // 100 x 6000 characters of 'é' and '<': over 1 MB in any JSON encoding if sent in one request
            params.put("p" + i, (i % 2 == 0 ? "é" : "<").repeat(MlflowLimits.MAX_PARAM_VALUE_LENGTH));
        }
        t.logParams(params);
        t.end(false);
        assertEquals(List.of(), server.violations);
        assertEquals(params, server.runs.values().iterator().next().params);
        assertTrue(server.requestsTo(FakeMlflowServer.API + "runs/log-batch").size() > 1);
    }

    @Test
    void failingStageMarksItsServerRunFailed() throws IOException {
        server = new FakeMlflowServer("mlflow-artifacts:");
        open(server.uri(), "test").end(true);
        assertEquals("FAILED", server.runs.values().iterator().next().status);
        assertEquals(List.of(), server.violations);
    }

    @Test
    void unreachableServerFallsBackToTheLocalStoreWithOneWarning() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Tracker t = open("http://127.0.0.1:" + port, "test");
        t.logMetric("ndcg_10", 0.5, 0);
        t.end(false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("127.0.0.1:" + port) && warnings.get(0).contains("local store"),
                warnings.get(0));
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Run run = reader.runs(reader.experimentNamed("bert4rec_demo")).get(0);
        assertEquals(3, run.meta().get("status"));
        assertEquals(1, run.metrics().get("ndcg_10").size());
    }

    @Test
    void serverRefusingEverythingFallsBackWithOneWarning() throws IOException {
        server = new FakeMlflowServer("mlflow-artifacts:");
        server.failAfterRequests = 0;
        Tracker t = open(server.uri(), "test");
        t.end(false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("503") || warnings.get(0).contains("TEMPORARILY_UNAVAILABLE"),
                warnings.get(0));
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        assertEquals(1, reader.runs(reader.experimentNamed("bert4rec_demo")).size());
    }

    @Test
    void serverDyingMidRunCostsOneWarningAndNotTheStage() throws IOException {
        server = new FakeMlflowServer("mlflow-artifacts:");
        Tracker t = open(server.uri(), "train_val");
        server.failAfterRequests = server.requests.size();
        for (int step = 0; step < 3000; step++) {
            t.logMetric("loss", step, step);
        }
        t.logParams(Map.of("a", "b"));
        t.end(false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(List.of(), server.violations);
    }
}
