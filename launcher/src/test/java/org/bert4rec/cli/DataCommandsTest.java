package org.bert4rec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** demo-data → raw → all through the launcher, and the exit codes and messages of bad input. */
class DataCommandsTest {
    @TempDir
    Path root;

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

    private void template(int maxSeqLength) throws Exception {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/bert_config.json"), "{\"hidden_size\": 16, \"max_position_embeddings\": "
                + maxSeqLength + ", \"vocab_size\": 0}");
    }

    @Test
    void demoRawAllPipeline() throws Exception {
        template(20);
        String r = root.toString();
        Run demo = run("demo-data", "--root", r, "--project", "demo", "--users", "50", "--items", "30");
        assertEquals(0, demo.code(), demo.err());
        Run raw = run("raw", "--root", r, "--project", "demo", "--task", "train_val_test");
        assertEquals(0, raw.code(), raw.err());
        assertTrue(raw.out().contains("50 chains"), raw.out());
        Run all = run("all", "--root", r, "--project", "demo", "--dupe_factor", "2", "--pool_size", "2");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("demo.train_val_test.train_val.tfrecord"), all.out());
        Path processed = root.resolve("projects/demo/data/processed");
        assertTrue(Files.size(processed.resolve("demo.train_val_test.test.tfrecord")) > 0);
        assertTrue(Files.readString(root.resolve("projects/demo/config/bert_config_demo.json"))
                .contains("\"vocab_size\": 34"), "30 items + 4");
    }

    @Test
    void missingInputExitsOneNamingThePath() throws Exception {
        template(20);
        Run raw = run("raw", "--root", root.toString(), "--project", "nope", "--task", "test");
        assertEquals(1, raw.code());
        assertTrue(raw.err().startsWith("error: no input for task test: expected "
                + root.resolve("projects/nope/data/external/nope_test.pkl")), raw.err());
        assertEquals(1, raw.err().strip().lines().count(), "one line: " + raw.err());
    }

    @Test
    void allWithoutRawExitsOne() throws Exception {
        template(20);
        Run all = run("all", "--root", root.toString(), "--project", "p", "--task", "inference");
        assertEquals(1, all.code());
        assertTrue(all.err().contains("p_inference.txt") && all.err().contains("bert4rec raw"), all.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("raw", "--task", "everything").code());
        assertEquals(2, run("all", "--dupe_factor", "many").code());
        assertEquals(2, run("raw", "--root", root.toString(), "--project", "p", "--vocab_exist", "2").code());
    }

    @Test
    void dropDuplicatesIsARealBoolean() throws Exception {
        template(20);
        Files.createDirectories(root.resolve("projects/p/data/external"));
        Files.writeString(root.resolve("projects/p/data/external/p_test.csv"), "uid,sid_add_to_cart\n1,5 5 6\n");
        assertEquals(0, run("raw", "--root", root.toString(), "--project", "p", "--task", "test",
                "--drop_duplicates", "false").code());
        assertEquals("0 5\n0 5\n0 6\n", Files.readString(root.resolve("projects/p/data/interim/p_test.txt")));
        assertEquals(0, run("raw", "--root", root.toString(), "--project", "p", "--task", "test",
                "--drop_duplicates").code());
        assertEquals("0 5\n0 6\n", Files.readString(root.resolve("projects/p/data/interim/p_test.txt")));
    }

    @Test
    void helpListsTheSeedsFlagsWithDefaults() {
        Run help = run("all", "--help");
        assertEquals(0, help.code());
        for (String flag : new String[] {"--max_predictions_per_seq", "--masked_lm_prob", "--prop_sliding_window",
            "--mask_prob", "--dupe_factor", "--pool_size", "--short_seq_prob", "--task", "--vocab_filename"}) {
            assertTrue(help.out().contains(flag), flag);
        }
        assertTrue(help.out().contains("(default: 20)") && help.out().contains("(default: 0.2)"), help.out());
    }
}
