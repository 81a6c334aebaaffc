package org.bert4rec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train_val} through the launcher on a small generated project: the model folder it leaves, resuming after an
 * interruption exactly as if never stopped, falling back past a corrupt checkpoint, the time limit, and the refusals.
 *
 * <p>The data is prepared once; each test trains in its own model folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainValCommandTest {
    private static final String P = "tv";

    @TempDir
    static Path root;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Bert4RecCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** train_val with the common flags of this test: tiny batches, no tracking. */
    private Run train(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("train_val", "--root", root.toString(), "--project", P,
                "--no_tracking", "--model_name", model, "--batch_size_train", "16", "--batch_size_val", "32",
                "--num_warmup_steps", "2", "--learning_rate", "5e-3", "--log_every_steps", "5"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @BeforeAll
    void prepareData() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/bert_config.json"), """
                {"attention_probs_dropout_prob": 0.1, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
                 "hidden_size": 16, "initializer_range": 0.02, "intermediate_size": 32,
                 "max_position_embeddings": 12, "num_attention_heads": 2, "num_hidden_layers": 1,
                 "type_vocab_size": 2, "vocab_size": 0}
                """);
        String r = root.toString();
        assertEquals(0, run("demo-data", "--root", r, "--project", P, "--no_tracking", "--users", "60", "--items",
                "20").code());
        assertEquals(0, run("raw", "--root", r, "--project", P, "--no_tracking", "--task", "train_val_test").code());
        Run all = run("all", "--root", r, "--project", P, "--no_tracking", "--dupe_factor", "2");
        assertEquals(0, all.code(), all.err());
    }

    private Path modelDir(String model) {
        return root.resolve("projects").resolve(P).resolve("models").resolve(model);
    }

    private byte[] parameters(String model, long step) throws IOException {
        return Files.readAllBytes(modelDir(model).resolve("ckpt-" + step).resolve("parameters.bin"));
    }

    @Test
    void adamBiasCorrectionReachesTheOptimizerAndTheTrainConfig() throws IOException {
        assertEquals(0, train("bert", "--num_train_steps", "4", "--save_checkpoints_steps", "4", "--is_evaluate",
                "false", "--adam_bias_correction", "false").code());
        Run corrected = train("adam", "--num_train_steps", "4", "--save_checkpoints_steps", "4", "--is_evaluate",
                "false");
        assertEquals(0, corrected.code(), corrected.err());
        assertTrue(Files.readString(modelDir("adam").resolve("config/train_config_tv.json"))
                .contains("\"adam_bias_correction\" : true"));
        assertTrue(Files.readString(modelDir("bert").resolve("config/train_config_tv.json"))
                .contains("\"adam_bias_correction\" : false"));
        assertFalse(Arrays.equals(parameters("bert", 4), parameters("adam", 4)),
                "the same seed and data, another update rule: other weights");
    }

    @Test
    void trainsCheckpointsAndValidates() throws IOException {
        Run r = train("m", "--num_train_steps", "20", "--save_checkpoints_steps", "10");
        assertEquals(0, r.code(), r.err());
        Path dir = modelDir("m");
        assertTrue(Files.isDirectory(dir.resolve("ckpt-10")) && Files.isDirectory(dir.resolve("ckpt-20")));
        assertEquals("model_checkpoint_path: \"ckpt-20\"", Files.readString(dir.resolve("checkpoint")).strip(),
                "the pointer names the latest checkpoint");
        for (String config : List.of("bert_config_tv.json", "data_config_tv.json", "train_config_tv.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("config").resolve(config)), config);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("events.out.tfevents.")),
                    "TensorBoard events beside the checkpoints");
        }
        JsonNode metrics = new ObjectMapper().readTree(root.resolve("projects/tv/results/m/metrics.json").toFile());
        assertEquals(60, metrics.get("users").asInt(), "one validation record per user");
        for (String k : List.of("ndcg10", "hit10", "mrr", "masked_lm_accuracy")) {
            double v = metrics.get(k).asDouble();
            assertTrue(v >= 0 && v <= 1, k + " = " + v);
        }
        assertTrue(metrics.get("hit100").asDouble() == 1.0, "20 items: every true item is in the top 100");
        assertTrue(Files.readString(root.resolve("projects/tv/results/m/eval_results.txt"))
                .contains("BERT4Rec validation results"));
        assertTrue(Files.readString(root.resolve("projects/tv/config/train_config_tv.json"))
                .contains("\"model_name\" : \"m\""), "the last trained model is recorded for test and inference");

        Run again = train("m", "--num_train_steps", "20", "--save_checkpoints_steps", "10");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("nothing left to train"), again.out());
    }

    @ParameterizedTest(name = "dynamic_masking {0}")
    @ValueSource(booleans = {false, true})
    void resumesAsIfNeverStopped(boolean dynamicMasking) throws IOException {
        String d = String.valueOf(dynamicMasking);
        String straight = "straight-" + d;
        String killed = "killed-" + d;
        assertEquals(0, train(straight, "--num_train_steps", "16", "--save_checkpoints_steps", "8",
                "--is_evaluate", "false", "--dynamic_masking", d).code());
        assertEquals(0, train(killed, "--num_train_steps", "16", "--save_checkpoints_steps", "8",
                "--is_evaluate", "false", "--dynamic_masking", d).code());
        assertArrayEquals(parameters(straight, 16), parameters(killed, 16), "same seed, same model");
        // as if the process had died after the checkpoint at step 8
        deleteTree(modelDir(killed).resolve("ckpt-16"));
        Files.writeString(modelDir(killed).resolve("checkpoint"), "model_checkpoint_path: \"ckpt-8\"\n");
        Run resumed = train(killed, "--num_train_steps", "16", "--save_checkpoints_steps", "8",
                "--is_evaluate", "false", "--dynamic_masking", d);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("at step 8"), resumed.out());
        assertArrayEquals(parameters(straight, 16), parameters(killed, 16),
                "weights, optimizer state, data position, maskings and RNG all resume");
        assertTrue(Files.readString(modelDir(killed).resolve("config/train_config_tv.json"))
                .contains("\"dynamic_masking\" : " + d));
    }

    @Test
    void dynamicMaskingTrainsOnOtherMaskings() throws IOException {
        assertEquals(0, train("static", "--num_train_steps", "4", "--save_checkpoints_steps", "4", "--is_evaluate",
                "false", "--dynamic_masking", "false").code());
        assertEquals(0, train("dynamic", "--num_train_steps", "4", "--save_checkpoints_steps", "4", "--is_evaluate",
                "false").code());
        assertFalse(Arrays.equals(parameters("static", 4), parameters("dynamic", 4)),
                "the same seed and records, other predictions: other weights");
    }

    @Test
    void corruptLatestCheckpointFallsBackToThePreviousOne() throws IOException {
        assertEquals(0, train("c", "--num_train_steps", "10", "--save_checkpoints_steps", "5",
                "--is_evaluate", "false").code());
        Path params = modelDir("c").resolve("ckpt-10").resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Run r = train("c", "--num_train_steps", "12", "--save_checkpoints_steps", "5", "--is_evaluate", "false");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ckpt-10") && r.err().contains("unreadable"), r.err());
        assertTrue(r.out().contains("at step 5"), r.out());
        assertTrue(Files.isDirectory(modelDir("c").resolve("ckpt-12")));
    }

    @Test
    void timeLimitStopsWithACheckpoint() throws IOException {
        Run r = train("t", "--num_train_steps", "100000", "--save_checkpoints_steps", "100000",
                "--training_time_limit_seconds", "2", "--is_evaluate", "false");
        assertEquals(0, r.code(), r.err());
        List<Path> checkpoints;
        try (Stream<Path> s = Files.list(modelDir("t"))) {
            checkpoints = s.filter(f -> f.getFileName().toString().startsWith("ckpt-")).toList();
        }
        assertEquals(1, checkpoints.size(), "a checkpoint at the step where time ran out: " + checkpoints);
        long step = Long.parseLong(checkpoints.get(0).getFileName().toString().substring(5));
        assertTrue(step > 0 && step < 100000, "stopped at step " + step);
    }

    @Test
    void refusals() throws IOException {
        assertEquals(2, train("u", "--batch_size_train", "0").code());
        assertEquals(2, train("u", "--num_train_steps", "0").code());
        assertEquals(2, train("u", "--learning_rate", "-1").code());
        assertEquals(2, train("u", "--is_train", "maybe").code());
        Run notTrained = train("u", "--is_train", "false");
        assertEquals(1, notTrained.code());
        assertTrue(notTrained.err().contains("holds no checkpoint"), notTrained.err());
        assertFalse(Files.exists(modelDir("u").resolve("checkpoint")));
        for (String no : new String[] {"0", "no", "False"}) {
            Run zero = train("u", "--is_train", no);   // the seed's scripts write booleans these ways
            assertTrue(zero.err().contains("holds no checkpoint"), no + ": " + zero.err());
        }
        assertTrue(train("u", "--is_train=0").err().contains("holds no checkpoint"));
        assertEquals(2, train("u", "--is_train=maybe").code());

        Path bert = root.resolve("projects/tv/config/bert_config_tv.json");
        String good = Files.readString(bert);
        try {
            String bad = good.replaceAll("\"vocab_size\"\\s*:\\s*24", "\"vocab_size\": 99");
            assertFalse(bad.equals(good), good);
            Files.writeString(bert, bad);
            Run mismatch = train("u", "--num_train_steps", "1");
            assertEquals(1, mismatch.code());
            assertTrue(mismatch.err().contains("vocab_size 99") && mismatch.err().contains("24")
                    && mismatch.err().contains("bert4rec all"), mismatch.err());
            assertEquals(1, mismatch.err().strip().lines().count(), mismatch.err());
        } finally {
            Files.writeString(bert, good);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
