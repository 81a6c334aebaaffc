package org.bert4rec.train.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.InstanceCodec;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tfrecord.TfRecordWriter;

/**
 * A small project on disk as {@code raw}, {@code all} and {@code train_val} leave it: vocabulary (item id i is
 * original item "m" + 10 i), user dictionary (encoded u is original user 101 + u), data config, test and inference
 * records of successor chains, and a model folder with one checkpoint. The model itself is a {@link SuccessorScorer}
 * handed out by {@link #loader()}.
 */
public final class ProjectFixture {
    public static final String PROJECT = "p";
    public static final String MODEL = "m1";
    public static final int ITEMS = 30;
    public static final int MAX_LEN = 8;
    public static final int HIDDEN = 4;

    public final ProjectLayout layout;
    public final FreqVocab vocab;

    public ProjectFixture(Path root, int users) throws IOException {
        layout = new ProjectLayout(root, PROJECT);
        layout.createFolders();
        List<String> tokens = new ArrayList<>();
        long[] counts = new long[ITEMS];
        for (int i = 1; i <= ITEMS; i++) {
            tokens.add("m" + (10 * i));
            counts[i - 1] = 1000 - i;
        }
        vocab = FreqVocab.fromCounts(tokens, counts);
        vocab.save(layout.references().resolve(PROJECT + ".vocab"));
        List<Integer> originals = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            originals.add(101 + u);
        }
        UidDictionary.fromOriginals(originals).save(layout.dics().resolve(UidDictionary.PICKLE_NAME));
        Path modelDir = layout.modelDir(MODEL);
        Files.createDirectories(modelDir.resolve("ckpt-7"));
        Files.createDirectories(modelDir.resolve("config"));
        dataConfig(MAX_LEN).save(modelDir.resolve("config").resolve("data_config_" + PROJECT + ".json"));
        Files.writeString(modelDir.resolve("config").resolve("bert_config_" + PROJECT + ".json"), "{}");
        dataConfig(MAX_LEN).save(layout.config().resolve("data_config_" + PROJECT + ".json"));
        Files.writeString(layout.config().resolve("bert_config_" + PROJECT + ".json"), "{}");
        Files.writeString(layout.config().resolve("train_config_" + PROJECT + ".json"),
                "{\"model_name\": \"" + MODEL + "\"}");
        writeRecords(layout.processed().resolve(PROJECT + ".train_val_test.test.tfrecord"), users, MAX_LEN);
        writeRecords(layout.processed().resolve(PROJECT + ".inference.tfrecord"), users, MAX_LEN);
    }

    public static DataConfig dataConfig(int maxSeqLength) {
        return new DataConfig(PROJECT, "train_val_test", maxSeqLength, 4, 0.2, 1.0, 1, 0.5, 0, 0, 1, 12345L,
                ITEMS + 4, null, Map.of());
    }

    /** A scorer of the fixture's shape (a model of vocab_size ITEMS + 4). */
    public static ScorerLoader loader() {
        return dir -> new ScorerLoader.Loaded(new SuccessorScorer(ITEMS, HIDDEN, MAX_LEN), 7);
    }

    /**
     * User u's chain is u % ITEMS + 1, then the next ids (wrapping), 2 + u % 4 items in all, its last item masked.
     * Every third user's true item is not the successor of the one before it but item 1 (rank 1: the successor and
     * nothing else scores above it... unless the successor is 1).
     */
    public static void writeRecords(Path file, int users, int maxLen) throws IOException {
        InstanceCodec codec = new InstanceCodec();
        try (OutputStream out = Files.newOutputStream(file); TfRecordWriter w = new TfRecordWriter(out)) {
            for (int u = 0; u < users; u++) {
                int len = 2 + u % 4;
                int[] ids = new int[maxLen];
                int[] mask = new int[maxLen];
                int item = u % ITEMS + 1;
                for (int i = 0; i < len; i++) {
                    ids[i] = item;
                    mask[i] = 1;
                    item = item % ITEMS + 1;
                }
                int target = ids[len - 1];
                if (u % 3 == 2) {
                    target = 1;
                }
                ids[len - 1] = ITEMS + 2; // [MASK]
                MaskedLmInstance inst = new MaskedLmInstance(u, ids, mask, new int[] {len - 1, 0, 0, 0},
                        new int[] {target, 0, 0, 0}, new float[] {1f, 0f, 0f, 0f});
                w.write(codec.toBytes(inst));
            }
        }
    }
}
