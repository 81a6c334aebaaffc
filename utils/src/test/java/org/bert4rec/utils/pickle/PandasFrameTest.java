package org.bert4rec.utils.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures were written by Debian's pandas 1.5.3 (see make_fixtures.py beside them). */
class PandasFrameTest {

    static Path fixture(String name) {
        return Path.of(System.getProperty("bert4rec.root", "..")).resolve("utils/src/test/resources/pickle/" + name);
    }

    @Test
    void stringUidsExtraColumnsAndEmptyList() {
        PandasFrame f = PandasFrame.decode(PickleReader.load(fixture("string_uids_pandas15.pkl")));
        assertEquals(List.of("city", "uid", "sid_add_to_cart", "price"), f.columnNames());
        assertEquals(5, f.rowCount());
        assertEquals(List.of("u_zed", "u_amy", "u_bob", "u_cat", "u_dan"), f.column("uid"));
        assertEquals(List.of(5L, 6L, 7L, 8L), f.column("sid_add_to_cart").get(0));
        assertEquals(List.of(), f.column("sid_add_to_cart").get(2));
        assertEquals(List.of(1.5, 2.0, 3.25, 0.0, 1.0), f.column("price"));
    }

    @Test
    void protocol2IntUidsAndNumpyScalarItems() {
        PandasFrame f = PandasFrame.decode(PickleReader.load(fixture("int_uids_numpy_items_protocol2.pkl")));
        assertEquals(List.of(30L, 10L, 20L), f.column("uid"));
        assertEquals(List.of(3L, 1L, 2L), f.column("sid_add_to_cart").get(0));
        assertEquals(List.of(7L, 8L, 9L, 7L), f.column("sid_add_to_cart").get(1));
    }

    @Test
    void stringItems() {
        PandasFrame f = PandasFrame.decode(PickleReader.load(fixture("string_items_pandas15.pkl")));
        assertEquals(List.of("uid", "items"), f.columnNames());
        assertEquals(List.of("fig", "kiwi", "apple", "fig"), f.column("items").get(1));
    }

    @Test
    void seedDictionaryWithNumpyKeys() {
        Object d = NumpyArrays.python(PickleReader.load(fixture("seed_uid_dictionary.pkl")));
        assertEquals(Map.of(10L, 0L, 20L, 1L, 30L, 2L), d);
    }

    @Test
    void realMovieLensPickleWhenPresent() {
        Path ml = Path.of(System.getProperty("bert4rec.shared", "../shared"), "data/ml-1m/ml-1m.pkl");
        Assumptions.assumeTrue(Files.isRegularFile(ml), "skipped: " + ml + " is absent");
        PandasFrame f = PandasFrame.decode(PickleReader.load(ml));
        assertEquals(List.of("uid", "sid_add_to_cart"), f.columnNames());
        assertEquals(6040, f.rowCount());
        assertEquals(1L, f.column("uid").get(0));
        List<?> first = (List<?>) f.column("sid_add_to_cart").get(0);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), first.subList(0, 5));
        long total = f.column("sid_add_to_cart").stream().mapToLong(l -> ((List<?>) l).size()).sum();
        assertTrue(total > 900_000 && total < 1_100_000, "ML-1m has about a million ratings, got " + total);
    }

    @Test
    void notAPickleIsAUserError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.pkl");
        Files.writeString(f, "uid,items\n1,2\n");
        UserInputException e = assertThrows(UserInputException.class, () -> PickleReader.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
