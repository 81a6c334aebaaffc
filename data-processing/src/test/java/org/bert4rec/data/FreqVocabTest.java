package org.bert4rec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreqVocabTest {

    /** Items first seen in the order c, a, b, d; counts 2, 3, 2, 1. */
    static FreqVocab small() {
        return FreqVocab.fromCounts(List.of("c", "a", "b", "d"), new long[] {2, 3, 2, 1});
    }

    @Test
    void anItemNamedLikeASpecialTokenIsRefusedRatherThanWrittenUnreadable() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> FreqVocab.fromCounts(List.of("a", "[MASK]"), new long[] {2, 1}));
        assertTrue(e.getMessage().contains("item [MASK] has the name of a special token"), e.getMessage());
    }

    @Test
    void idsByDescendingCountTiesFirstSeenThenSpecials() {
        FreqVocab v = small();
        assertEquals(1, v.idOf("a"));
        assertEquals(2, v.idOf("c")); // tie with b: c was seen first
        assertEquals(3, v.idOf("b"));
        assertEquals(4, v.idOf("d"));
        assertEquals(-1, v.idOf("zzz"));
        assertEquals("[pad]", v.itemOf(5));
        assertEquals(6, v.maskId());
        assertEquals("[MASK]", v.itemOf(6));
        assertEquals("[NO_USE]", v.itemOf(7));
        assertEquals(8, v.vocabSize());
        assertEquals(4, v.numItems());
        assertEquals(1, v.firstItemId());
        assertEquals(4, v.lastItemId());
        assertEquals(3, v.count(1));
        assertEquals(0, v.count(6));
        assertEquals(0, FreqVocab.PAD_ID);
    }

    @Test
    void textRoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.vocab");
        small().save(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\n1\ta\t3\n2\tc\t2\n3\tb\t2\n4\td\t1\n5\t[pad]\t0\n6\t[MASK]\t0\n7\t[NO_USE]\t0\n"),
                text);
        FreqVocab back = FreqVocab.load(f);
        for (int id = 1; id <= 7; id++) {
            assertEquals(small().itemOf(id), back.itemOf(id));
            assertEquals(small().count(id), back.count(id));
        }
        assertEquals(6, back.maskId());
    }

    @Test
    void readsTheSeedsPickledFreqVocab() {
        // fixture: user_0 = 7 3 7, user_1 = 3 9 7 5; specials pickled in the order [NO_USE], [MASK], [pad]
        FreqVocab v = FreqVocab.load(Fixtures.pickle("seed_freq_vocab_protocol2.vocab"));
        assertEquals(4, v.numItems());
        assertEquals(1, v.idOf("7"));
        assertEquals(2, v.idOf("3"));
        assertEquals(3, v.idOf("9"));
        assertEquals(4, v.idOf("5"));
        assertEquals(3, v.count(1));
        assertEquals(6, v.maskId());
        assertEquals(7, v.padTokenId());
        assertEquals(5, v.noUseId());
        assertEquals(8, v.vocabSize());
    }

    @Test
    void malformedTextNamesLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.vocab");
        Files.writeString(f, "# c\n1\ta\t3\n3\tb\t1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> FreqVocab.load(f));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains(f.toString()), e.getMessage());
        UserInputException missing = assertThrows(UserInputException.class,
                () -> FreqVocab.load(dir.resolve("none.vocab")));
        assertTrue(missing.getMessage().contains("none.vocab"));
    }
}
