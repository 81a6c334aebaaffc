package org.bert4rec.train.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;

class ChainReaderTest {
    private static List<ItemChain> read(String text, ChainFormat format) {
        List<ItemChain> out = new ArrayList<>();
        new ChainReader(new BufferedReader(new StringReader(text)), format, "chains.txt").forEachRemaining(out::add);
        return out;
    }

    @Test
    void jsonLinesObjectsArraysAndNumbers() {
        List<ItemChain> chains = read("{\"id\": \"u7\", \"items\": [\"12\", 7]}\n\n[3, \"x y\"]\n"
                + "{\"id\": 42, \"items\": []}\n", ChainFormat.AUTO);
        assertEquals(List.of(new ItemChain("u7", List.of("12", "7")), new ItemChain("3", List.of("3", "x y")),
                new ItemChain("42", List.of())), chains);
    }

    @Test
    void csvWithHeaderQuotesAndSpaceSeparatedItems() {
        List<ItemChain> chains = read("items,id\n\"1 2  3\",\"a,b\"\n,empty\n", ChainFormat.AUTO);
        assertEquals(List.of(new ItemChain("a,b", List.of("1", "2", "3")), new ItemChain("empty", List.of())),
                chains);
        assertEquals(List.of(new ItemChain("2", List.of("5", "6"))), read("items\n5 6\n", ChainFormat.CSV));
    }

    @Test
    void badLinesAreNamedWithTheirNumber() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> read("[1]\n{\"items\": 3}\n", ChainFormat.JSONL));
        assertTrue(e.getMessage().startsWith("chains.txt line 2 "), e.getMessage());
        e = assertThrows(UserInputException.class, () -> read("[1, {\"a\": 1}]\n", ChainFormat.JSONL));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> read("user,things\n1,2\n", ChainFormat.CSV));
        assertTrue(e.getMessage().contains("'items' column"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> read("id,items\n1,2,3\n", ChainFormat.CSV));
        assertTrue(e.getMessage().contains("line 2 has 3 fields"), e.getMessage());
    }
}
