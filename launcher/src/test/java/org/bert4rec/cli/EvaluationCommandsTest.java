package org.bert4rec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bert4rec.model.Bert4RecConfig;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.TrainingHyperparams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code test}, {@code inference} and {@code predict} from the command line, on a project made by {@code demo-data},
 * {@code raw} and {@code all}, with an (untrained) model folder laid out as {@code train_val} lays it out.
 */
class EvaluationCommandsTest {
    private static final String BERT_CONFIG = "{\"attention_probs_dropout_prob\": 0.1, \"hidden_act\": \"gelu\","
            + " \"hidden_dropout_prob\": 0.1, \"hidden_size\": 8, \"initializer_range\": 0.02, \"intermediate_size\":"
            + " 16, \"max_position_embeddings\": 20, \"num_attention_heads\": 2, \"num_hidden_layers\": 1,"
            + " \"type_vocab_size\": 2, \"vocab_size\": 3420}";
    private static final int USERS = 40;

    @TempDir
    static Path root;

    /** Exit code, standard output and standard error of one command. */
    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        CommandLine cl = Bert4RecCli.commandLine();
        if (stdin != null) {
            ((PredictCommand) cl.getSubcommands().get("predict").getCommand()).stdin =
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--project", "d", "--root", root.toString()}, 0, all, args.length, 4);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void makeProjectAndModel() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/bert_config.json"), BERT_CONFIG);
        for (String[] stage : List.of(new String[] {"demo-data", "--users", "" + USERS, "--items", "25"},
                new String[] {"raw"}, new String[] {"all"})) {
            Run r = run(null, stage);
            assertEquals(0, r.code(), stage[0] + ": " + r.err());
        }
        Path project = root.resolve("projects/d");
        Path modelConfig = Files.createDirectories(project.resolve("models/m/config"));
        for (String f : List.of("bert_config_d.json", "data_config_d.json")) {
            Files.copy(project.resolve("config").resolve(f), modelConfig.resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(project.resolve("config/train_config_d.json"), "{\"model_name\": \"m\"}");
        Bert4RecConfig config = Bert4RecConfig.load(modelConfig.resolve("bert_config_d.json"));
        try (Bert4RecModel model = Bert4RecModel.initialize(config, TrainingHyperparams.bert(1e-3, 10, 1), 3)) {
            model.save(project.resolve("models/m/ckpt-0"));
        }
        // inference reads <p>.inference.tfrecord; the test records have the same layout
        Files.copy(project.resolve("data/processed/d.train_val_test.test.tfrecord"),
                project.resolve("data/processed/d.inference.tfrecord"));
    }

    @Test
    void testWritesResultsAndWarnsAboutSeedFlags() throws IOException {
        Run r = run(null, "test", "--use_tpu", "True", "--fast_eval", "--save_predictions_file", "true");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: --use_tpu is ignored"), r.err());
        assertTrue(r.err().contains("warning: --fast_eval is no longer needed"), r.err());
        Path results = root.resolve("projects/d/results/m");
        assertTrue(Files.readString(results.resolve("test_metrics.json")).contains("\"users\" : " + USERS));
        assertTrue(Files.readString(results.resolve("test_results.txt")).contains("ndcg10 = "));
        assertEquals(USERS + 1, Files.readAllLines(results.resolve("preds_test.txt")).size());
        Run sampled = run(null, "test", "--model_name", "m", "--sampled_negatives", "10", "--sampling", "UNIFORM",
                "--exclude_seen");
        assertEquals(0, sampled.code(), sampled.err());
    }

    @Test
    void inferenceWritesItemsAndEmbeddings() throws IOException {
        Run r = run(null, "inference", "--predictions_per_user", "5", "--batch_size", "7");
        assertEquals(0, r.code(), r.err());
        Path results = root.resolve("projects/d/results/m");
        List<String> items = Files.readAllLines(results.resolve("df_next_sids.csv"));
        assertEquals(1 + USERS * 5, items.size());
        assertEquals(128 + USERS * 8 * 4, Files.size(results.resolve("df_next_sids_embs.npy")));
        Run noEmbs = run(null, "inference", "--is_embeddings", "false", "--is_items_preds", "false");
        assertEquals(2, noEmbs.code(), "a flag combination that makes no sense is a usage error");
        assertTrue(noEmbs.err().startsWith("error: --is_items_preds and --is_embeddings are both false"),
                noEmbs.err());
    }

    @Test
    void predictReadsStandardInput() {
        Run r = run("{\"id\": \"me\", \"items\": [\"1\", \"2\", \"nope\"]}\n", "predict", "--predictions_per_user",
                "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"id\":\"me\",\"next_items\":["), r.out());
        assertTrue(r.out().contains("\"unknown_items\":[\"nope\"]"), r.out());
    }

    @Test
    void badInputIsOneLineWithExitCodeOneAndBadFlagsExitCodeTwo() {
        Run missing = run(null, "test", "--model_name", "nope");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: model folder "), missing.err());
        assertTrue(missing.err().contains("does not exist (train_val makes it)"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Run negative = run(null, "test", "--sampled_negatives", "-1");
        assertEquals(2, negative.code(), "a flag value out of range is a usage error, like one picocli can't parse");
        assertTrue(negative.err().contains("--sampled_negatives: expected 0"), negative.err());
        assertTrue(negative.err().contains("see 'bert4rec test --help'"), negative.err());
        Run zeroBatch = run(null, "test", "--batch_size", "0");
        assertEquals(2, zeroBatch.code(), zeroBatch.err());
        Run numeric = run(null, "test", "--exclude_seen", "1", "--fast_eval", "0");
        assertEquals(0, numeric.code(), "the seed's scripts pass booleans as 1/0: " + numeric.err());
        Run usage = run(null, "inference", "--predictions_per_user", "many");
        assertEquals(2, usage.code());
    }
}
