package org.bert4rec.utils.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered pipelines' structure: outputs, dependencies, and the order dvc repro runs the stages in. */
class DvcPipelineTest {

    @TempDir
    Path root;

    private DvcPipeline render(String task, boolean emb, boolean items) throws IOException {
        String template = Files.readString(DvcSchemaTest.repoRoot().resolve("config/dvc_template.yaml"));
        return DvcTemplate.render(template, new DvcVariables("demo", "final_model", task, emb, items), root, "t");
    }

    private static List<String> names(List<DvcStage> stages) {
        return stages.stream().map(DvcStage::name).toList();
    }

    @Test
    void shippedDvcYamlIsTheTemplateRenderedForTheDemoProject() throws IOException {
        // the demo project's input, as `bert4rec demo-data` writes it
        Path external = Files.createDirectories(root.resolve("projects/demo/data/external"));
        for (String task : List.of("train_val_test", "test", "inference")) {
            Files.writeString(external.resolve("demo_" + task + ".csv"), "uid,sid_add_to_cart\n");
        }
        DvcVariables v = new DvcVariables("demo", "final_model", "train_val_test", true, true);
        String expected = DvcTemplate.dvcYaml(render("train_val_test", true, true), v);
        assertEquals(expected, Files.readString(DvcSchemaTest.repoRoot().resolve("dvc.yaml")),
                "dvc.yaml must be `bert4rec dvc-create --project demo` output; rerun it after editing the template");
    }

    @Test
    void trainValTestPipelineRunsInDependencyOrder() throws IOException {
        DvcPipeline p = render("train_val_test", true, true);
        assertEquals(List.of("data_processing_raw_train_val_test", "data_processing_raw_test",
                "data_processing_raw_inference", "data_processing_all_train_val_test", "data_processing_all_test",
                "data_processing_all_inference", "train_val", "test", "inference"), names(p.stages()));
        assertEquals(List.of(), p.problems());
        assertEquals(List.of("data_processing_raw_train_val_test", "data_processing_all_train_val_test", "train_val",
                "test"), names(p.upstreamOf("test")));
        assertEquals(List.of("data_processing_raw_train_val_test", "data_processing_raw_inference",
                "data_processing_all_train_val_test", "data_processing_all_inference", "train_val", "inference"),
                names(p.upstreamOf("inference")));
        List<String> order = names(p.inOrder());
        assertTrue(order.indexOf("data_processing_raw_test") < order.indexOf("data_processing_all_test"));
        assertTrue(order.indexOf("data_processing_raw_train_val_test") < order.indexOf("data_processing_raw_test"),
                "raw test reads the user dictionary that raw train_val_test writes");
        DvcStage train = p.stage("train_val").orElseThrow();
        assertTrue(train.deps().contains("projects/demo/data/processed/demo.train_val_test.train_val.tfrecord"));
        assertTrue(train.deps().contains("projects/demo/data/processed/demo.train_val_test.val.tfrecord"));
        assertEquals(List.of("train_val", "--project", "demo", "--model_name", "final_model"),
                train.bert4recArgs().orElseThrow());
        assertTrue(train.outs().contains(new DvcOut("projects/demo/models/final_model", true, true)),
                "the model folder persists so that training resumes from its checkpoints");
        DvcStage test = p.stage("test").orElseThrow();
        assertEquals(List.of(new DvcOut("projects/demo/results/final_model/test_metrics.json", false, false)),
                test.metrics(), "test metrics are DVC metrics, kept in git");
    }

    @Test
    void trainValPipelineTestsOnTheTestTasksFile() throws IOException {
        DvcPipeline p = render("train_val", true, true);
        assertFalse(p.stage("data_processing_raw_train_val_test").isPresent());
        assertFalse(p.stage("data_processing_all_train_val_test").isPresent());
        assertEquals(List.of("data_processing_raw_train_val", "data_processing_raw_test", "data_processing_all_train_val",
                "data_processing_all_test", "train_val", "test"), names(p.upstreamOf("test")));
        assertTrue(p.stage("train_val").orElseThrow().deps()
                .contains("projects/demo/data/processed/demo.train_val.tfrecord"));
    }

    @Test
    void outputsAreDeclaredOnceAndOnlyForData() throws IOException {
        for (String task : DvcVariables.TRAINING_TASKS) {
            DvcPipeline p = render(task, true, true);
            Map<String, String> owner = new HashMap<>();
            for (DvcStage s : p.stages()) {
                for (DvcOut o : s.allOuts()) {
                    assertEquals(null, owner.put(o.path(), s.name()), o.path() + " declared twice");
                    assertTrue(o.path().matches("projects/demo/(data/(interim|processed)|references|models|results)/.+"),
                            "outputs are data, references, models or results, never config/: " + o.path());
                }
                for (String d : s.deps()) {
                    boolean code = d.matches("[a-z0-9\\-]+/src/main") || d.equals("config/bert_config.json");
                    boolean external = d.startsWith("projects/demo/data/external/");
                    boolean projectConfig = d.startsWith("projects/demo/config/");
                    boolean produced = !p.producersOf(s).isEmpty() && p.stages().stream().anyMatch(other ->
                            other.allOuts().stream().anyMatch(o -> DvcPipeline.overlaps(o.path(), d)));
                    assertTrue(code || external || projectConfig || produced,
                            s.name() + " depends on " + d + ", which no stage makes and no user provides");
                }
            }
        }
    }

    @Test
    void inferenceOutputsFollowTheFlags() throws IOException {
        String base = "projects/demo/results/final_model/";
        assertEquals(List.of(DvcOut.of(base + "df_next_sids.csv"), DvcOut.of(base + "df_next_sids_embs.npy"),
                DvcOut.of(base + "df_next_sids_embs_ids.csv")), render("train_val_test", true, true)
                .stage("inference").orElseThrow().outs());
        DvcStage noEmb = render("train_val_test", false, true).stage("inference").orElseThrow();
        assertEquals(List.of(DvcOut.of(base + "df_next_sids.csv")), noEmb.outs());
        assertTrue(noEmb.cmd().endsWith("--is_embeddings false --is_items_preds true"), noEmb.cmd());
        assertEquals(List.of(DvcOut.of(base + "df_next_sids_embs.npy"), DvcOut.of(base + "df_next_sids_embs_ids.csv")),
                render("train_val_test", true, false).stage("inference").orElseThrow().outs());
    }

    @Test
    void rawStagesPointAtTheInputThatExists() throws IOException {
        Path ext = Files.createDirectories(root.resolve("projects/demo/data/external"));
        Files.writeString(ext.resolve("demo_train_val_test.csv"), "uid,sid_add_to_cart\n");
        DvcPipeline p = render("train_val_test", true, true);
        assertTrue(p.stage("data_processing_raw_train_val_test").orElseThrow().deps()
                .contains("projects/demo/data/external/demo_train_val_test.csv"));
        assertTrue(p.stage("data_processing_raw_test").orElseThrow().deps()
                .contains("projects/demo/data/external/demo_test.pkl"), "the seed's .pkl when nothing exists");
    }

    @Test
    void yamlRoundTripKeepsEverything() throws IOException {
        DvcPipeline p = render("train_val_test", true, true);
        assertEquals(p, DvcPipeline.parse(p.toYaml(), "round trip"));
        String yaml = p.toYaml();
        assertTrue(yaml.contains("\n    cmd: java -jar launcher/target/bert4rec.jar test --project demo --model_name"
                + " final_model\n"), "one-line commands (the Makefile reads them without DVC):\n" + yaml);
    }

    @Test
    void problemsDvcWouldRefuseAreFound() {
        DvcPipeline dup = DvcPipeline.parse("stages:\n  a:\n    cmd: x\n    outs: [d/f]\n  b:\n    cmd: y\n"
                + "    outs: [d]\n", "dup");
        assertEquals(1, dup.problems().size(), dup.problems().toString());
        DvcPipeline cycle = DvcPipeline.parse("stages:\n  a:\n    cmd: x\n    deps: [q]\n    outs: [p]\n  b:\n"
                + "    cmd: y\n    deps: [p]\n    outs: [q]\n", "cycle");
        assertEquals(List.of("the stages' dependencies form a cycle"), cycle.problems());
        DvcPipeline self = DvcPipeline.parse("stages:\n  a:\n    cmd: x\n    deps: [m]\n    outs: [m/x]\n", "self");
        assertEquals(1, self.problems().size());
        assertThrows(UserInputException.class, () -> DvcPipeline.parse("stages:\n  a:\n    deps: [x]\n", "nocmd"));
        assertThrows(UserInputException.class, () -> DvcTemplate.render("stages:\n  a:\n    cmd: {nope}\n",
                new DvcVariables("demo", "m", "train_val", true, true), root, "unknown"));
        assertThrows(UserInputException.class, () -> new DvcVariables("demo", "my model", "train_val", true, true));
        assertThrows(UserInputException.class, () -> new DvcVariables("demo", "m", "test", true, true));
    }

    @Test
    void listCommandsAreJoined() {
        DvcPipeline p = DvcPipeline.parse("stages:\n  a:\n    cmd: [echo 1, echo 2]\n", "list");
        assertEquals("echo 1 && echo 2", p.stages().get(0).cmd());
        assertEquals(new ArrayList<>(), new ArrayList<>(p.stages().get(0).deps()));
    }
}
