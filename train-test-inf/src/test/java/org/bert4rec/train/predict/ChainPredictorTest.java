package org.bert4rec.train.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.bert4rec.train.eval.ScoringRow;
import org.bert4rec.train.eval.SuccessorScorer;
import org.junit.jupiter.api.Test;

class ChainPredictorTest {
    private static final int ITEMS = 30;
    private static final int MAX_LEN = 6;

    private static List<Prediction> predict(List<ItemChain> chains, boolean excludeSeen, boolean embedding)
            throws IOException {
        ChainPredictor p = new ChainPredictor(new SuccessorScorer(ITEMS, 5, MAX_LEN), new MapVocabulary(ITEMS), 3,
                excludeSeen, embedding, 2);
        List<Prediction> out = new ArrayList<>();
        assertEquals(chains.size(), p.run(chains.iterator(), out::add));
        return out;
    }

    @Test
    void theSuccessorOfTheLastKnownItemComesFirstAndUnknownItemsAreReported() throws IOException {
        List<Prediction> out = predict(List.of(
                new ItemChain("a", List.of("i300", "i700")),
                new ItemChain("b", List.of("i500", "nope", "i9999", "i200"))), false, false);
        assertEquals(List.of("i800", "i100", "i200"), out.get(0).items());
        assertEquals("a", out.get(0).id());
        assertFalse(out.get(0).popularFallback());
        assertEquals(List.of(), out.get(0).unknownItems());
        assertEquals(List.of("i300", "i100", "i200"), out.get(1).items(), "successor of i200 is i300");
        assertEquals(List.of("nope", "i9999"), out.get(1).unknownItems());
        assertTrue(out.get(0).scores()[0] > out.get(0).scores()[1]);
    }

    @Test
    void aChainWithNothingKnownGetsThePopularItemsFlagged() throws IOException {
        List<Prediction> out = predict(List.of(new ItemChain("x", List.of("who", "what")),
                new ItemChain("y", List.of())), false, true);
        for (Prediction p : out) {
            assertTrue(p.popularFallback());
            assertEquals(List.of("i100", "i200", "i300"), p.items());
            assertTrue(Float.isNaN(p.scores()[0]));
            assertEquals(5, p.embedding().length);
        }
        assertEquals(List.of("who", "what"), out.get(0).unknownItems());
    }

    @Test
    void longChainsKeepTheirLastItemsAndSeenItemsCanBeExcluded() throws IOException {
        MapVocabulary vocab = new MapVocabulary(ITEMS);
        ChainPredictor p = new ChainPredictor(new SuccessorScorer(ITEMS, 5, MAX_LEN), vocab, 3, false, false, 2);
        ScoringRow row = p.toRow(new ItemChain("l", List.of("i100", "i200", "i300", "i400", "i500", "i600", "i700")),
                new ArrayList<>());
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, vocab.maskId()}, row.inputIds());
        assertEquals(5, row.position());
        assertArrayEquals(new int[] {1, 2}, row.history(), "the items older than the window");
        List<ItemChain> longChain = List.of(new ItemChain("l", List.of("i100", "i200", "i300", "i400", "i500",
                "i600", "i700")));
        assertEquals(List.of("i800", "i100", "i200"), predict(longChain, false, false).get(0).items());
        assertEquals(List.of("i800", "i900", "i1000"), predict(longChain, true, false).get(0).items(),
                "the whole chain is seen, not only the window");
        // successor of 2 is 3, but 3 was seen: the rest fall with id, so 1, then 4 and 5 (2 was seen too)
        List<Prediction> out = predict(List.of(new ItemChain("s", List.of("i300", "i200"))), true, false);
        assertEquals(List.of("i100", "i400", "i500"), out.get(0).items());
    }

    @Test
    void writesJsonLinesAndCsv() throws IOException {
        List<Prediction> out = predict(List.of(new ItemChain("a", List.of("i100")),
                new ItemChain("b,c", List.of("zz"))), false, false);
        StringWriter json = new StringWriter();
        PredictionWriter jw = new PredictionWriter(json, false, false);
        out.forEach(p -> {
            try {
                jw.accept(p);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        String[] lines = json.toString().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("{\"id\":\"a\",\"next_items\":[\"i200\",\"i100\",\"i300\"],\"scores\":[9.998,"),
                lines[0]);
        assertTrue(lines[1].endsWith("\"scores\":[null,null,null],\"popular_fallback\":true,"
                + "\"unknown_items\":[\"zz\"]}"), lines[1]);
        StringWriter csv = new StringWriter();
        PredictionWriter cw = new PredictionWriter(csv, true, false);
        cw.accept(out.get(1));
        assertEquals("id,next_items,scores,popular_fallback,unknown_items\n\"b,c\",i100 i200 i300,,true,zz\n",
                csv.toString());
    }
}
