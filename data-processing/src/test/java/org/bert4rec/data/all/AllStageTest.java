package org.bert4rec.data.all;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FixturesAccess;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.ProcessedFiles;
import org.bert4rec.data.Task;
import org.bert4rec.data.TinyProject;
import org.bert4rec.data.raw.RawOptions;
import org.bert4rec.data.raw.RawStage;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllStageTest {
    static final int L = 8;
    static final int D = 2;
    /** u1 = a b c d e; u2 = b c a; u3 = 12 items (longer than L). Counts: c 8, a 5, b 5, d 1, e 1. */
    static final String CHAINS = "uid,sid_add_to_cart\nu1,a b c d e\nu2,b c a\nu3,c a c a c a c b c b c b\n";

    @TempDir
    Path dir;

    static AllOptions options(Task task, int pool, long seed, Path vocab) {
        return new AllOptions(task, L, 3, 0.2, 1.0, D, 0.5, 0, 0, pool, seed, vocab);
    }

    static RawOptions raw(Task task) {
        return new RawOptions(task, null, "uid", "sid_add_to_cart", "item", "timestamp", true, false);
    }

    private TinyProject project(String name, String csv, Task task) {
        TinyProject p = new TinyProject(dir.resolve(name), "p", L);
        p.external(task.name(), "csv", csv);
        RawStage.run(p.layout, raw(task), s -> { });
        return p;
    }

    private static AllStage.Result all(TinyProject p, AllOptions o, List<String> warnings) {
        return AllStage.run(p.layout, o, BertConfigTemplate.load(p.root.resolve("config/bert_config.json")),
                warnings::add);
    }

    @Test
    void trainValTestSplitsCountsVocabAndConfigs() throws Exception {
        TinyProject p = project("p", CHAINS, Task.train_val_test);
        AllStage.Result r = all(p, options(Task.train_val_test, 2, 1, null), new ArrayList<>());
        FreqVocab v = FreqVocab.load(ProcessedFiles.vocab(p.layout));
        assertEquals(List.of(1, 2, 3, 4, 5), List.of(v.idOf("c"), v.idOf("a"), v.idOf("b"), v.idOf("d"),
                v.idOf("e")));
        assertEquals(9, r.vocabSize());
        int mask = v.maskId();
        assertEquals(7, mask);

        // training: u1 a b c (1 window), u2 b (1 window), u3 first 10 items (L 8, step 4: windows at 0 and 2)
        List<MaskedLmInstance> train = TinyProject.instances(ProcessedFiles.train(p.layout, Task.train_val_test));
        assertEquals(4 * (D + 1), train.size());
        assertEquals(Map.of("p.train_val_test.train_val.tfrecord", 12L, "p.train_val_test.val.tfrecord", 3L,
                "p.train_val_test.test.tfrecord", 3L), r.recordCounts());
        for (MaskedLmInstance m : train) {
            int len = Arrays.stream(m.inputMask()).sum();
            int[] expectedWindow = switch ((int) m.info()) {
                case 0 -> new int[] {2, 3, 1}; // a b c
                case 1 -> new int[] {3}; // b
                default -> null; // u3, checked below
            };
            if (expectedWindow != null) {
                assertEquals(expectedWindow.length, len);
                for (int i = 0; i < len; i++) {
                    assertTrue(m.inputIds()[i] == expectedWindow[i] || m.inputIds()[i] == mask);
                }
            } else {
                assertEquals(L, len, "u3's windows are full");
                int[] w0 = {1, 2, 1, 2, 1, 2, 1, 3}; // items 0..7 of c a c a c a c b c b
                int[] w2 = {1, 2, 1, 2, 1, 3, 1, 3}; // items 2..9
                boolean fits0 = true;
                boolean fits2 = true;
                for (int i = 0; i < L; i++) {
                    fits0 &= m.inputIds()[i] == w0[i] || m.inputIds()[i] == mask;
                    fits2 &= m.inputIds()[i] == w2[i] || m.inputIds()[i] == mask;
                }
                assertTrue(fits0 || fits2, "a u3 window is items 0..7 or 2..9: " + m);
            }
            int k = m.numPredictions();
            assertTrue(k == 1 || k == Math.max(1, (int) Math.rint(len * 0.2)), "k " + k + " for length " + len);
            for (int i = 0; i < k; i++) {
                assertEquals(mask, m.inputIds()[m.maskedLmPositions()[i]]);
            }
        }
        // u3: window 0 = items 0..7, window 2 = items 2..9 of "c a c a c a c b c b"; no item after position 9
        long u3LastMasked = train.stream().filter(m -> m.info() == 2 && m.numPredictions() == 1
                && m.maskedLmPositions()[0] == L - 1).count();
        assertTrue(u3LastMasked >= 2, "each window has a mask-last instance");

        List<MaskedLmInstance> val = TinyProject.instances(ProcessedFiles.validation(p.layout, Task.train_val_test));
        assertArrayEquals(new int[] {2, 3, 1, mask, 0, 0, 0, 0}, val.get(0).inputIds());
        assertArrayEquals(new int[] {4, 0, 0}, val.get(0).maskedLmIds());
        assertArrayEquals(new int[] {3, 0, 0}, val.get(0).maskedLmPositions());
        // u3 validation: 11 items, the most recent 8 kept: items 3..10 = a c a c b c b c, last masked
        assertArrayEquals(new int[] {2, 1, 2, 1, 3, 1, 3, mask}, val.get(2).inputIds());
        assertEquals(1, val.get(2).maskedLmIds()[0]);
        // the items before u3's window (c a c) go, as a set, into history_ids; chains that fit carry none
        assertArrayEquals(new int[] {1, 2}, val.get(2).historyIds());
        assertEquals(0, val.get(0).historyIds().length);
        assertTrue(train.stream().allMatch(m -> m.historyIds().length == 0), "training instances carry no history");
        List<MaskedLmInstance> test = TinyProject.instances(ProcessedFiles.test(p.layout, Task.train_val_test));
        assertArrayEquals(new int[] {2, 3, 1, 4, mask, 0, 0, 0}, test.get(0).inputIds());
        assertEquals(5, test.get(0).maskedLmIds()[0]);
        assertEquals(List.of(0L, 1L, 2L), test.stream().map(MaskedLmInstance::info).toList());
        assertArrayEquals(new int[] {1, 2}, test.get(2).historyIds(), "u3's test input drops c a c a");
        assertArrayEquals(new int[] {2, 5, 9}, AllStage.distinctIds(new int[] {9, 2, 5, 2, 9, 7}, 5));

        String bert = Files.readString(ProcessedFiles.bertConfig(p.layout));
        assertTrue(bert.contains("\"vocab_size\": 9") && bert.contains("\"hidden_size\": 16"), bert);
        DataConfig c = DataConfig.load(ProcessedFiles.dataConfig(p.layout));
        assertEquals(L, c.maxSeqLength());
        assertEquals(3, c.maxPredictionsPerSeq());
        assertEquals(9, c.vocabSize());
        assertEquals(12L, c.recordCounts().get("p.train_val_test.train_val.tfrecord"));
    }

    @Test
    void outputIsByteIdenticalForAnyPoolSizeAndChangesWithTheSeed() throws Exception {
        StringBuilder csv = new StringBuilder("uid,sid_add_to_cart\n");
        java.util.Random r = new java.util.Random(3);
        for (int u = 0; u < 300; u++) {
            csv.append(u).append(',');
            int n = 3 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                csv.append(i > 0 ? " " : "").append(1 + r.nextInt(50));
            }
            csv.append('\n');
        }
        TinyProject p = project("p", csv.toString(), Task.train_val_test);
        Path train = ProcessedFiles.train(p.layout, Task.train_val_test);
        all(p, options(Task.train_val_test, 1, 5, null), new ArrayList<>());
        byte[] one = Files.readAllBytes(train);
        all(p, options(Task.train_val_test, 4, 5, null), new ArrayList<>());
        byte[] four = Files.readAllBytes(train);
        all(p, options(Task.train_val_test, 4, 6, null), new ArrayList<>());
        byte[] otherSeed = Files.readAllBytes(train);
        assertTrue(TinyProject.records(train) > InstanceFileWriter.CHUNK, "several chunks in flight");
        assertArrayEquals(one, four);
        assertFalse(Arrays.equals(one, otherSeed));
    }

    @Test
    void shuffledOrderMixesUsersAndRounds() {
        TinyProject p = project("p", CHAINS, Task.train_val_test);
        all(p, options(Task.train_val_test, 1, 1, null), new ArrayList<>());
        List<Long> infos = TinyProject.instances(ProcessedFiles.train(p.layout, Task.train_val_test)).stream()
                .map(MaskedLmInstance::info).toList();
        List<Long> sorted = new ArrayList<>(infos);
        sorted.sort(null);
        assertFalse(infos.equals(sorted), "instances are shuffled, not grouped by user: " + infos);
    }

    /** A project prepared for train_val_test (its vocabulary built), then {@code csv} through raw for {@code task}. */
    private TinyProject trainedProjectWithInput(Task task, String csv) throws Exception {
        TinyProject p = project("p", CHAINS, Task.train_val_test);
        all(p, options(Task.train_val_test, 1, 1, null), new ArrayList<>());
        p.external(task.name(), "csv", csv);
        RawStage.run(p.layout, new RawOptions(task, null, "uid", "sid_add_to_cart", "item", "timestamp", true, true),
                s -> { });
        return p;
    }

    @Test
    void inferenceWithTheTrainedVocabularyDropsUnknownItems() throws Exception {
        TinyProject p = trainedProjectWithInput(Task.inference, "uid,sid_add_to_cart\nu1,a z b\nu4,z\nu5,a b z\n");
        List<String> warnings = new ArrayList<>();
        AllStage.Result r = all(p, options(Task.inference, 1, 1, null), warnings);
        assertEquals(3, r.unknownItems()); // the z of u1, u4 and u5 (placeholders are not items)
        assertEquals(1, r.chainsDropped(), "u4 has no known item left");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("3 item occurrences are not in the vocabulary")),
                warnings.toString());
        List<MaskedLmInstance> inf = TinyProject.instances(ProcessedFiles.test(p.layout, Task.inference));
        assertEquals(2, inf.size());
        // u1: a b + the placeholder (masked): the model predicts what follows b
        assertArrayEquals(new int[] {2, 3, 7, 0, 0, 0, 0, 0}, inf.get(0).inputIds());
        // u5's last item z is unknown: the placeholder still follows the history a b, it does not mask b
        assertArrayEquals(new int[] {2, 3, 7, 0, 0, 0, 0, 0}, inf.get(1).inputIds());
        assertEquals(2, inf.get(1).maskedLmPositions()[0]);
        assertEquals(9, r.vocabSize());
        assertEquals("train_val_test", DataConfig.load(ProcessedFiles.dataConfig(p.layout)).task(),
                "train_val still finds its training data after inference data is prepared");
        assertEquals(ProcessedFiles.dataConfig(p.layout, Task.inference), r.dataConfig());
        assertEquals("inference", DataConfig.load(r.dataConfig()).task());
    }

    @Test
    void aTestTargetTheVocabularyLacksDropsTheUserInsteadOfShiftingTheTarget() throws Exception {
        TinyProject p = trainedProjectWithInput(Task.test, "uid,sid_add_to_cart\nu1,a z b\nu4,a b z\n");
        List<String> warnings = new ArrayList<>();
        all(p, options(Task.test, 1, 1, null), warnings);
        List<MaskedLmInstance> test = TinyProject.instances(ProcessedFiles.test(p.layout, Task.test));
        assertEquals(1, test.size(), "u4's target z cannot be ranked: u4 is not evaluated on b instead");
        assertEquals(3, test.get(0).maskedLmIds()[0], "u1's target b");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("1 chains dropped: their evaluation target")),
                warnings.toString());
    }

    @Test
    void maxWindowsPerChainKeepsTheMostRecentWindows() {
        TinyProject p = project("p", CHAINS, Task.train_val_test);
        AllStage.Result r = all(p, new AllOptions(Task.train_val_test, L, 3, 0.2, 1.0, D, 0.5, 1, 0, 1, 1, null),
                new ArrayList<>());
        // u3's 10 training items have windows at 0 and 2: only the one at 2 (items 2..9) is kept
        assertEquals(3L * (D + 1), r.recordCounts().get("p.train_val_test.train_val.tfrecord"));
        List<MaskedLmInstance> train = TinyProject.instances(ProcessedFiles.train(p.layout, Task.train_val_test));
        int mask = FreqVocab.load(ProcessedFiles.vocab(p.layout)).maskId();
        int[] w2 = {1, 2, 1, 2, 1, 3, 1, 3};
        List<MaskedLmInstance> u3 = train.stream().filter(m -> m.info() == 2).toList();
        assertEquals(D + 1, u3.size());
        for (MaskedLmInstance m : u3) {
            for (int i = 0; i < L; i++) {
                assertTrue(m.inputIds()[i] == w2[i] || m.inputIds()[i] == mask, "u3's last window only: " + m);
            }
        }
        assertEquals(1, DataConfig.load(ProcessedFiles.dataConfig(p.layout)).maxWindowsPerChain());
    }

    @Test
    void trainValTrainsOnAllButTheLast() {
        TinyProject p = project("p", "uid,sid_add_to_cart\n1,a b\n2,c d e\n", Task.train_val);
        AllStage.Result r = all(p, new AllOptions(Task.train_val, L, 3, 0.2, 1.0, 0, -1, 0, 0, 1, 1, null),
                new ArrayList<>());
        assertEquals(Map.of("p.train_val.tfrecord", 2L, "p.train_val.val.tfrecord", 2L), r.recordCounts());
        List<MaskedLmInstance> train = TinyProject.instances(ProcessedFiles.train(p.layout, Task.train_val));
        assertTrue(train.stream().allMatch(m -> m.numPredictions() == 1), "dupe_factor 0: only mask-last");
        int lenU2 = train.stream().filter(m -> m.info() == 1).mapToInt(m -> Arrays.stream(m.inputMask()).sum())
                .findFirst().orElseThrow();
        assertEquals(2, lenU2);
    }

    @Test
    void missingInterimFileSaysToRunRaw() {
        TinyProject p = new TinyProject(dir, "p", L);
        UserInputException e = assertThrows(UserInputException.class,
                () -> all(p, options(Task.test, 1, 1, null), new ArrayList<>()));
        assertTrue(e.getMessage().contains("p_test.txt") && e.getMessage().contains("bert4rec raw"), e.getMessage());
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThrows(UserInputException.class,
                () -> new AllOptions(Task.train_val_test, L, 3, 0.2, 1.0, D, 0.01, 0, 0, 1, 1, null));
        assertThrows(UserInputException.class,
                () -> new AllOptions(Task.train_val_test, L, 0, 0.2, 1.0, D, 0.5, 0, 0, 1, 1, null));
        assertThrows(UserInputException.class,
                () -> new AllOptions(Task.train_val_test, L, 3, 1.5, 1.0, D, 0.5, 0, 0, 1, 1, null));
        assertThrows(UserInputException.class,
                () -> new AllOptions(Task.train_val_test, L, 3, 0.2, 1.0, D, 0.5, -1, 0, 1, 1, null));
    }

    @Test
    void movieLensRoundTripWhenPresent() throws Exception {
        Path ml = FixturesAccess.movieLens();
        Assumptions.assumeTrue(Files.isRegularFile(ml), "skipped: " + ml + " is absent");
        TinyProject p = new TinyProject(dir, "ml", 200);
        Files.copy(ml, p.layout.external().resolve("ml_train_val_test.pkl"));
        RawStage.Result raw = RawStage.run(p.layout, raw(Task.train_val_test), s -> { });
        assertEquals(6040, raw.chains());
        AllStage.Result r = AllStage.run(p.layout, new AllOptions(Task.train_val_test, 200, 20, 0.2, 1.0, 1, 0.5, 0,
                0, 0, 1, null), BertConfigTemplate.load(p.root.resolve("config/bert_config.json")), s -> { });
        assertEquals(3420, r.vocabSize()); // 3416 items + 4, as the seed's ML-1m config
        List<MaskedLmInstance> test = TinyProject.instances(ProcessedFiles.test(p.layout, Task.train_val_test));
        assertEquals(6040, test.size());
        assertTrue(test.stream().allMatch(m -> m.numPredictions() == 1 && m.inputIds().length == 200));
    }
}
