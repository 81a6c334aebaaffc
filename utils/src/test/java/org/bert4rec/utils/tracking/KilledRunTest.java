package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage stopped by SIGTERM (or Ctrl-C) leaves its run KILLED, with what it logged, not RUNNING forever. */
class KilledRunTest {

    @TempDir
    Path root;

    @Test
    void terminatedStageMarksItsRunKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledStageMain.class.getName(), root.toString())).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child JVM exits");
        } finally {
            p.destroyForcibly();
        }
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        MlrunsReader.Run run = reader.runs(reader.experimentNamed("bert4rec_demo")).get(0);
        assertEquals(5, run.meta().get("status"), "KILLED");
        assertTrue(run.meta().get("end_time") instanceof Number);
        assertEquals(1, run.metrics().get("loss").size(), "buffered metrics are written before the run ends");
    }
}
