package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bert4rec.model.Bert4RecConfig;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.ModelBatch;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.train.metrics.NegativeSampling;
import org.bert4rec.train.predict.ChainFormat;
import org.bert4rec.train.predict.PredictStage;
import org.bert4rec.utils.tracking.Tracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages on a real {@link Bert4RecModel}, trained for a few seconds on successor chains (each item is followed
 * by the next id), saved as train_val saves checkpoints and loaded back through {@link ModelScorer#LOADER}.
 */
class TrainedModelTest {
    private static final int ITEMS = ProjectFixture.ITEMS;
    private static final int LEN = ProjectFixture.MAX_LEN;
    private static final int HIDDEN = 16;
    private static final int STEPS = 250;
    private static final int BATCH = 32;

    @TempDir
    static Path root;
    private static ProjectFixture fixture;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        fixture = new ProjectFixture(root, 60);
        Bert4RecConfig config = new Bert4RecConfig(0.0, "gelu", 0.0, HIDDEN, 0.02, 32, LEN, 2, 1, 2, ITEMS + 4);
        try (Bert4RecModel model = Bert4RecModel.initialize(config,
                TrainingHyperparams.bert(1e-2, STEPS, STEPS / 10), 5)) {
            Random random = new Random(9);
            for (int step = 0; step < STEPS; step++) {
                model.trainStep(successorBatch(random));
            }
            Path ckpt = fixture.layout.modelDir(ProjectFixture.MODEL).resolve("ckpt-" + STEPS);
            model.save(ckpt);
            Files.writeString(ckpt.resolveSibling("checkpoint"), "model_checkpoint_path: \"ckpt-" + STEPS + "\"\n");
        }
    }

    /**
     * Rows of one item repeated, 1..LEN-1 times, then [MASK] whose true item is that item's successor (the next
     * id, wrapping): a pattern a one-layer model learns in a few seconds, and one no popularity baseline fits.
     */
    private static ModelBatch successorBatch(Random random) {
        ModelBatch out = ModelBatch.zeros(BATCH, LEN, 1);
        for (int b = 0; b < BATCH; b++) {
            int len = 2 + random.nextInt(LEN - 1);
            int item = 1 + random.nextInt(ITEMS);
            for (int i = 0; i < len; i++) {
                out.inputIds()[b * LEN + i] = item;
                out.inputMask()[b * LEN + i] = 1;
            }
            out.maskedPositions()[b] = len - 1;
            out.maskedIds()[b] = successor(item);
            out.maskedWeights()[b] = 1f;
            out.inputIds()[b * LEN + len - 1] = ITEMS + 2; // [MASK]
        }
        return out;
    }

    private static int successor(int item) {
        return item % ITEMS + 1;
    }

    /** Test records of the same pattern: user u repeats item u % ITEMS + 1, 1 + u % (LEN - 1) times. */
    private static void writeSuccessorTestRecords(Path file, int users) throws IOException {
        org.bert4rec.data.InstanceCodec codec = new org.bert4rec.data.InstanceCodec();
        try (java.io.OutputStream out = Files.newOutputStream(file);
             org.bert4rec.utils.tfrecord.TfRecordWriter w = new org.bert4rec.utils.tfrecord.TfRecordWriter(out)) {
            for (int u = 0; u < users; u++) {
                int len = 2 + u % (LEN - 1);
                int item = u % ITEMS + 1;
                int[] ids = new int[LEN];
                int[] mask = new int[LEN];
                for (int i = 0; i < len; i++) {
                    ids[i] = i == len - 1 ? ITEMS + 2 : item;
                    mask[i] = 1;
                }
                w.write(codec.toBytes(new org.bert4rec.data.MaskedLmInstance(u, ids, mask,
                        new int[] {len - 1, 0, 0, 0}, new int[] {successor(item), 0, 0, 0},
                        new float[] {1f, 0f, 0f, 0f})));
            }
        }
    }

    @Test
    void predictOnTheTrainedModelPutsTheSuccessorFirst() throws IOException {
        StringWriter out = new StringWriter();
        PredictStage.run(fixture.layout, new PredictStage.Settings(null, null, null, ChainFormat.AUTO, 3, false,
                        true, 8), ModelScorer.LOADER,
                new BufferedReader(new StringReader("[\"m30\", \"m30\", \"m30\"]\n[\"m300\"]\n")),
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].startsWith("{\"id\":\"1\",\"next_items\":[\"m40\","), lines[0]);
        assertTrue(lines[1].startsWith("{\"id\":\"2\",\"next_items\":[\"m10\","), lines[1]); // wraps
        int commas = lines[0].substring(lines[0].indexOf("\"embedding\":[")).split(",").length;
        assertEquals(HIDDEN, commas, "embedding width = hidden_size");
    }

    @Test
    void testStageOnTheTrainedModelFindsTheSuccessors() throws IOException {
        writeSuccessorTestRecords(fixture.layout.processed().resolve("p.train_val_test.test.tfrecord"), 60);
        TestRunner.Result r = TestStage.run(fixture.layout, new TestStage.Settings(null, 16, false, false, 0,
                NegativeSampling.POPULARITY, 1), ModelScorer.LOADER, Tracker.none(),
                new PrintWriter(new StringWriter()));
        assertTrue(r.metrics().get("hit1") > 0.9, r.metrics().toString());
        assertEquals(60.0, r.metrics().get("users"));
    }

    @Test
    void cuttingTrailingPaddingLeavesTheRealModelsScoresAlone() throws IOException {
        ScorerLoader.Loaded loaded = ModelScorer.LOADER.load(
                fixture.layout.modelDir(ProjectFixture.MODEL).resolve("ckpt-" + STEPS));
        SequenceScorer scorer = loaded.scorer();
        assertEquals(STEPS, loaded.step());
        assertEquals(HIDDEN, scorer.hiddenSize());
        SuccessorScorer shapes = new SuccessorScorer(ITEMS, HIDDEN, LEN);
        List<ScoringRow> rows = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            int[] items = new int[1 + u % (LEN - 1)];
            for (int i = 0; i < items.length; i++) {
                items[i] = 1 + (u * 7 + i) % ITEMS;
            }
            rows.add(shapes.row(u, items, ScoringRow.NO_TARGET));
        }
        List<float[]> cut = new ArrayList<>();
        new ScoringLoop(scorer, 6).run(rows.iterator(), r -> cut.add(java.util.Arrays.copyOfRange(r.logits(),
                r.logitsOffset(), r.logitsOffset() + r.vocabSize())));
        for (int u = 0; u < rows.size(); u++) {
            ScoringRow row = rows.get(u);
            ScoredBatch full = scorer.score(1, LEN, row.inputIds(), row.inputMask(), new int[] {row.position()});
            float[] expected = full.logits();
            for (int v = 0; v < expected.length; v++) {
                assertEquals(expected[v], cut.get(u)[v], 1e-4f, "row " + u + " item " + v);
            }
        }
    }
}
