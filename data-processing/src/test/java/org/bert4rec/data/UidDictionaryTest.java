package org.bert4rec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidDictionaryTest {

    @Test
    void integerIdsSortNumerically() {
        UidDictionary d = UidDictionary.fromOriginals(List.of(100L, 9L, 20L, 9L));
        assertEquals(3, d.size());
        assertEquals("9", d.originalId(0));
        assertEquals("20", d.originalId(1));
        assertEquals("100", d.originalId(2));
        assertEquals(2, d.encodedId("100"));
        assertEquals(-1, d.encodedId("7"));
    }

    @Test
    void stringIdsSortAsText() {
        UidDictionary d = UidDictionary.fromOriginals(List.of("u_zed", "u_amy", 5L));
        assertEquals("5", d.originalId(0));
        assertEquals("u_amy", d.originalId(1));
    }

    @Test
    void extendingKeepsOldCodes() {
        UidDictionary d = UidDictionary.fromOriginals(List.of(10L, 20L)).extendedWith(List.of(15L, 20L, 5L));
        assertEquals(0, d.encodedId("10"));
        assertEquals(1, d.encodedId("20"));
        assertEquals(2, d.encodedId("5"));
        assertEquals(3, d.encodedId("15"));
    }

    @Test
    void savesPickleAndTsvAndReadsBoth(@TempDir Path dir) throws Exception {
        Path p = dir.resolve(UidDictionary.PICKLE_NAME);
        UidDictionary.fromOriginals(List.of("b", "a")).save(p);
        assertEquals("uid\tuser_id\n0\ta\n1\tb\n", Files.readString(dir.resolve(UidDictionary.TSV_NAME)));
        UidDictionary back = UidDictionary.load(p);
        assertEquals(1, back.encodedId("b"));
    }

    @Test
    void readsTheSeedsDictionaryWithNumpyKeys() {
        UidDictionary d = UidDictionary.load(Fixtures.pickle("seed_uid_dictionary.pkl"));
        assertEquals(Map.of("10", 0, "20", 1, "30", 2),
                Map.of(d.originalId(0), 0, d.originalId(1), 1, d.originalId(2), 2));
    }

    @Test
    void missingDictionaryNamesPath(@TempDir Path dir) {
        Path p = dir.resolve("x.pkl");
        UserInputException e = assertThrows(UserInputException.class, () -> UidDictionary.load(p));
        assertEquals(true, e.getMessage().contains(p.toString()));
    }
}
