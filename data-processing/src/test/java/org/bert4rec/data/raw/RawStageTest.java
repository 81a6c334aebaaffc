package org.bert4rec.data.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bert4rec.data.Task;
import org.bert4rec.data.TinyProject;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawStageTest {
    @TempDir
    Path dir;

    static RawOptions options(Task task, boolean dropDuplicates, boolean vocabExist) {
        return new RawOptions(task, null, RawOptions.DEFAULT_USER_COLUMN, RawOptions.DEFAULT_ITEMS_COLUMN,
                RawOptions.DEFAULT_ITEM_COLUMN, RawOptions.DEFAULT_TIMESTAMP_COLUMN, dropDuplicates, vocabExist);
    }

    private String run(TinyProject p, RawOptions o, List<String> warnings) throws Exception {
        RawStage.Result r = RawStage.run(p.layout, o, warnings::add);
        return Files.readString(r.output());
    }

    @Test
    void pandasPickleWithStringUidsEmptyListAndExtraColumns() throws Exception {
        TinyProject p = new TinyProject(dir, "p", 8);
        Files.copy(org.bert4rec.data.FixturesAccess.pickle("string_uids_pandas15.pkl"),
                p.layout.external().resolve("p_train_val_test.pkl"));
        List<String> warnings = new ArrayList<>();
        String txt = run(p, options(Task.train_val_test, true, false), warnings);
        // codes in sorted order: u_amy 0, u_bob 1 (empty), u_cat 2 (4 4 4 5 6 -> 4 5 6), u_dan 3 (2 items), u_zed 4
        assertEquals("0 1\n0 2\n0 3\n2 4\n2 5\n2 6\n4 5\n4 6\n4 7\n4 8\n", txt);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("2 of 5 chains dropped"), warnings.get(0));
        UidDictionary d = UidDictionary.load(p.layout.dics().resolve(UidDictionary.PICKLE_NAME));
        assertEquals("u_zed", d.originalId(4));
        assertTrue(Files.readString(p.layout.dics().resolve(UidDictionary.TSV_NAME)).contains("4\tu_zed\n"));
    }

    @Test
    void protocol2PickleWithNumpyItemsAndNoDeduplication() throws Exception {
        TinyProject p = new TinyProject(dir, "p", 8);
        Files.copy(org.bert4rec.data.FixturesAccess.pickle("int_uids_numpy_items_protocol2.pkl"),
                p.layout.external().resolve("p_train_val.pkl"));
        String txt = run(p, options(Task.train_val, false, false), new ArrayList<>());
        // uids 30, 10, 20 -> codes 2, 0, 1; written in code order
        assertEquals("0 7\n0 8\n0 9\n0 7\n1 1\n1 2\n1 3\n1 4\n2 3\n2 1\n2 2\n", txt);
    }

    @Test
    void csvTsvAndJsonLinesGiveTheSameChains() throws Exception {
        String expected = "0 5\n0 6\n0 5\n1 x\n1 y\n1 z\n";
        TinyProject a = new TinyProject(dir.resolve("a"), "p", 8);
        a.external("test", "csv", "uid,sid_add_to_cart\n7,5 6 6 5\n9,\"[\"\"x\"\", \"\"y\"\", \"\"z\"\"]\"\n");
        assertEquals(expected, run(a, options(Task.test, true, false), new ArrayList<>()));
        TinyProject b = new TinyProject(dir.resolve("b"), "p", 8);
        b.external("test", "tsv", "sid_add_to_cart\tuid\n5 6 6 5\t7\n[\"x\",\"y\",\"z\"]\t9\n");
        assertEquals(expected, run(b, options(Task.test, true, false), new ArrayList<>()));
        TinyProject c = new TinyProject(dir.resolve("c"), "p", 8);
        c.external("test", "jsonl", "{\"uid\": 7, \"sid_add_to_cart\": [5, 6, 6, 5]}\n\n"
                + "{\"uid\": 9, \"sid_add_to_cart\": [\"x\", \"y\", \"z\"]}\n");
        assertEquals(expected, run(c, options(Task.test, true, false), new ArrayList<>()));
    }

    @Test
    void userIdsThatOnlyLookAlikeAsNumbersStayDifferentUsers() throws Exception {
        TinyProject p = new TinyProject(dir, "p", 8);
        // "007" and "7" are two users: with a numeric sort they would both become 7 and their chains merge
        p.external("test", "csv", "uid,sid_add_to_cart\n7,1 2\n007,3 4\n10,5 6\n");
        assertEquals("0 3\n0 4\n1 5\n1 6\n2 1\n2 2\n", run(p, options(Task.test, true, false), new ArrayList<>()),
                "not all canonical integers: ids sort as strings 007 < 10 < 7");
        TinyProject q = new TinyProject(dir.resolve("q"), "p", 8);
        q.external("test", "csv", "uid,sid_add_to_cart\n7,1 2\n10,5 6\n");
        assertEquals("0 1\n0 2\n1 5\n1 6\n", run(q, options(Task.test, true, false), new ArrayList<>()),
                "canonical integers sort numerically, as the seed's LabelEncoder on int64 uids");
    }

    @Test
    void eventLogIsGroupedPerUserInStableTimestampOrder() throws Exception {
        TinyProject p = new TinyProject(dir, "p", 8);
        p.external("inference", "csv", "uid,item,timestamp\nb,3,20\na,1,5\nb,4,10\na,2,5\nb,5,30\n");
        // inference repeats each chain's last item
        assertEquals("0 1\n0 2\n0 2\n1 4\n1 3\n1 5\n1 5\n",
                run(p, options(Task.inference, true, false), new ArrayList<>()));
    }

    @Test
    void deduplicationKeepsOneItemChains() {
        assertEquals(List.of("a"), RawStage.collapseRuns(List.of("a", "a", "a")));
        assertEquals(List.of("a", "b", "a"), RawStage.collapseRuns(List.of("a", "b", "b", "a")));
        assertEquals(List.of(), RawStage.collapseRuns(List.of()));
    }

    @Test
    void existingDictionaryKeepsCodesAndAddsUnseenUsers() throws Exception {
        TinyProject p = new TinyProject(dir, "p", 8);
        p.external("train_val_test", "csv", "uid,sid_add_to_cart\n20,1 2 3\n10,4 5 6\n");
        run(p, options(Task.train_val_test, true, false), new ArrayList<>());
        p.external("inference", "csv", "uid,sid_add_to_cart\n5,7\n20,1 2\n");
        List<String> warnings = new ArrayList<>();
        String txt = run(p, options(Task.inference, true, true), warnings);
        assertEquals("1 1\n1 2\n1 2\n2 7\n2 7\n", txt);
        assertTrue(warnings.get(0).startsWith("1 users are not in"), warnings.get(0));
        assertEquals(2, UidDictionary.load(p.layout.dics().resolve(UidDictionary.PICKLE_NAME)).encodedId("5"));
    }

    @Test
    void missingInputNamesTheExpectedPathAndFormats() {
        TinyProject p = new TinyProject(dir, "p", 8);
        UserInputException e = assertThrows(UserInputException.class,
                () -> RawStage.run(p.layout, options(Task.train_val_test, true, false), s -> { }));
        assertTrue(e.getMessage().contains(p.layout.external().resolve("p_train_val_test.pkl").toString())
                && e.getMessage().contains(".csv") && e.getMessage().contains(".jsonl"), e.getMessage());
    }

    @Test
    void wrongColumnsAreListed() {
        TinyProject p = new TinyProject(dir, "p", 8);
        p.external("test", "csv", "user,items\n1,2 3\n");
        UserInputException e = assertThrows(UserInputException.class,
                () -> RawStage.run(p.layout, options(Task.test, true, false), s -> { }));
        assertTrue(e.getMessage().contains("[user, items]") && e.getMessage().contains("--items_column"),
                e.getMessage());
    }

    @Test
    void malformedLinesAndItemsNameTheLine() {
        TinyProject p = new TinyProject(dir, "p", 8);
        p.external("test", "csv", "uid,sid_add_to_cart\n1,2 3\n2,4 5,6\n");
        UserInputException e = assertThrows(UserInputException.class,
                () -> RawStage.run(p.layout, options(Task.test, true, false), s -> { }));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        p.external("test", "csv", "uid,sid_add_to_cart\n1,2 3\n2,\"[1, \"\"a b\"\"]\"\n");
        e = assertThrows(UserInputException.class,
                () -> RawStage.run(p.layout, options(Task.test, true, false), s -> { }));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("whitespace"), e.getMessage());
    }

    @Test
    void datasetWithNoLongEnoughChainSaysHowManyWereDropped() {
        TinyProject p = new TinyProject(dir, "p", 8);
        p.external("train_val_test", "csv", "uid,sid_add_to_cart\n1,2 3\n2,4 4 4 5\n");
        UserInputException e = assertThrows(UserInputException.class,
                () -> RawStage.run(p.layout, options(Task.train_val_test, true, false), s -> { }));
        assertTrue(e.getMessage().contains("all 2 chains have fewer than 3 items"), e.getMessage());
    }
}
