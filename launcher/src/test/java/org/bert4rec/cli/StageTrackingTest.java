package org.bert4rec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every stage is one MLflow run: opened by StageCommand, FINISHED or FAILED with the stage's outcome. */
class StageTrackingTest {

    @TempDir
    Path root;

    /** A stage that logs a little and can be told to fail. */
    @Command(name = "echo-stage")
    static final class EchoStage extends StageCommand {
        @Option(names = "--fail")
        boolean fail;

        @Override
        protected String stageName() {
            return "echo_stage";
        }

        @Override
        protected int run(StageContext ctx) {
            ctx.tracker().logParams(Map.of("answer", "42"));
            ctx.tracker().logMetric("loss", 0.5, 1);
            if (fail) {
                throw new IllegalStateException("told to fail");
            }
            return 0;
        }
    }

    @BeforeAll
    static void noServerConfigured() {
        Assumptions.assumeTrue(System.getenv("MLFLOW_TRACKING_URI") == null && System.getenv("MLFLOW_URI") == null,
                "an MLflow server is configured in the environment; these tests need the local store");
    }

    private int run(StringWriter err, String... args) {
        CommandLine cl = Bert4RecCli.commandLine();
        cl.addSubcommand(new EchoStage());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private List<Path> runMetas() throws IOException {
        Path mlruns = root.resolve("mlruns");
        if (!Files.isDirectory(mlruns)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(mlruns, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("meta.yaml") && p.getNameCount()
                    == mlruns.getNameCount() + 3).toList();
        }
    }

    private static Map<String, Object> yaml(Path p) throws IOException {
        return new Yaml().load(Files.readString(p));
    }

    @Test
    void aStageRunIsFinishedAndTaggedWithItsCommandLine() throws IOException {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "echo-stage", "--root", root.toString(), "--project", "demo"));
        List<Path> metas = runMetas();
        assertEquals(1, metas.size());
        Map<String, Object> meta = yaml(metas.get(0));
        assertEquals(3, meta.get("status"));
        assertEquals("echo_stage", meta.get("run_name"));
        Path run = metas.get(0).getParent();
        assertEquals("42", Files.readString(run.resolve("params/answer")));
        assertEquals("bert4rec echo-stage --root " + root + " --project demo",
                Files.readString(run.resolve("tags/bert4rec.command")));
        assertTrue(Files.readString(run.resolve("metrics/loss")).matches("\\d+ 0\\.5 1\n"));
        Map<String, Object> cfg = yaml(root.resolve("projects/demo/config/config_mlflow.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) cfg.get("echo_stage");
        assertEquals(meta.get("run_id"), entry.get("run_id"));
        assertEquals("", err.toString());
    }

    @Test
    void aFailingStageMarksItsRunFailedAndExitsNonZero() throws IOException {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "echo-stage", "--root", root.toString(), "--project", "demo", "--fail"));
        assertTrue(err.toString().contains("told to fail"), err.toString());
        assertEquals(4, yaml(runMetas().get(0)).get("status"));
    }

    @Test
    void noTrackingRecordsNothing() throws IOException {
        assertEquals(0, run(new StringWriter(), "echo-stage", "--root", root.toString(), "--project", "demo",
                "--no_tracking"));
        assertFalse(Files.exists(root.resolve("mlruns")));
        assertFalse(Files.exists(root.resolve("projects/demo/config/config_mlflow.yaml")));
    }

    @Test
    void anUnreachableServerCostsOneWarningLine() throws IOException {
        Files.writeString(root.resolve(".env"), "MLFLOW_URI=http://127.0.0.1:9\n");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "echo-stage", "--root", root.toString(), "--project", "demo"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("warning: MLflow server http://127.0.0.1:9"), lines.get(0));
        assertEquals(3, yaml(runMetas().get(0)).get("status"), "the run went to the local store");
    }
}
