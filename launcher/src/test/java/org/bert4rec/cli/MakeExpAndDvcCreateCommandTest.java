package org.bert4rec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.dvc.DvcOut;
import org.bert4rec.utils.dvc.DvcPipeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

class MakeExpAndDvcCreateCommandTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Bert4RecCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void makeExpReadsTheStageFileAndRecordsTheExperiment() throws IOException {
        Assumptions.assumeTrue(System.getenv("MLFLOW_TRACKING_URI") == null && System.getenv("MLFLOW_URI") == null,
                "an MLflow server is configured in the environment");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/new_experiment_stage.txt"), "train_val\n");
        Files.writeString(root.resolve("config/project_run_now.txt"), "demo\n");
        assertEquals(0, run("make-exp", "--root", root.toString()), err.toString());
        Map<String, Object> cfg = new Yaml().load(Files.readString(
                root.resolve("projects/demo/config/config_mlflow.yaml")));
        String name = (String) cfg.get("last_experiment_name");
        assertTrue(name.matches("bert4rec_train_val_\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?_.+"), name);
        assertTrue(out.toString().contains(name), out.toString());
        assertEquals(0, run("make-exp", "--root", root.toString(), "--stage", "test"), err.toString());
        String second = (String) ((Map<?, ?>) new Yaml().load(Files.readString(
                root.resolve("projects/demo/config/config_mlflow.yaml")))).get("last_experiment_name");
        assertTrue(second.startsWith("bert4rec_test_"), second);
    }

    @Test
    void makeExpWithoutAStageSaysWhatToDo() {
        assertEquals(1, run("make-exp", "--root", root.toString(), "--project", "demo"));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("new_experiment_stage.txt"),
                err.toString());
    }

    @Test
    void dvcCreateWritesDvcYamlAndTheProjectCopy() throws IOException {
        Path repo = Path.of(System.getProperty("bert4rec.root", "..")).toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("config"));
        Files.copy(repo.resolve("config/dvc_template.yaml"), root.resolve("config/dvc_template.yaml"));
        assertEquals(0, run("dvc-create", "--root", root.toString(), "--project", "shop", "--model_name", "m1",
                "--task", "train_val", "--is_embeddings", "false"), err.toString());
        String yaml = Files.readString(root.resolve("dvc.yaml"));
        assertEquals(yaml, Files.readString(root.resolve("projects/shop/config/dvc.yaml")));
        DvcPipeline p = DvcPipeline.read(root.resolve("dvc.yaml"));
        assertEquals(List.of(DvcOut.of("projects/shop/results/m1/df_next_sids.csv")),
                p.stage("inference").orElseThrow().outs());
        assertTrue(p.stage("data_processing_raw_train_val").isPresent());
        assertEquals(List.of(), p.problems());
    }

    @Test
    void dvcCreateRefusesANonTrainingTask() {
        assertEquals(2, run("dvc-create", "--root", root.toString(), "--project", "shop", "--task", "test"));
        assertTrue(err.toString().contains("--task"), err.toString());
    }
}
