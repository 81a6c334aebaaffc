package org.bert4rec.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packed token layout and the last layer's query rows on a hand-made batch. */
class QueryRowsTest {
    // three sequences of seqLen 6 with real lengths 2, 6, 4
    private static final int[] IDS = {5, 6, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0};
    private static final int[] MASK = {1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0};

    @Test
    void sequencesArePackedLongestFirstWithoutTheirPadding() {
        SequenceLayout layout = new SequenceLayout(3, 6, IDS, MASK, new int[] {-1, -1, -1});
        assertEquals(1, layout.chunks(), "3 sequences fit one chunk of " + SequenceLayout.CHUNK_SEQUENCES);
        assertEquals(6, layout.chunkLength(0), "a chunk is as long as its longest sequence");
        assertEquals(3 * 6, layout.tokens());
        assertEquals(0, layout.row(1, 0), "the longest sequence comes first");
        assertEquals(6, layout.row(2, 0));
        assertEquals(12, layout.row(0, 0));
        assertEquals(3 * 6 * 6, layout.attentionCells());
        assertTrue(layout.chunkPadded(0), "the shorter sequences' padding is masked");
        SequenceLayout full = new SequenceLayout(2, 3, new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 1, 1, 1, 1, 1},
                new int[] {-1, -1});
        assertFalse(full.chunkPadded(0), "equal lengths: no key is masked");
        assertEquals(0f, full.chunkKeyBias(0)[5]);
    }

    @Test
    void queryRowsHoldEachSequencesDistinctPositionsPaddedToTheChunksLargestCount() {
        int[] required = {1, 1, 0, /* b1 */ 5, 2, -1, /* b2 */ 3, -1, -1};
        SequenceLayout layout = new SequenceLayout(3, 6, IDS, MASK, required);
        QueryRows q = QueryRows.at(layout, required);
        assertEquals(1, layout.chunks());
        assertEquals(2, q.chunkQueryLength(0), "b0 has {0, 1}, b1 {2, 5}, b2 {3}");
        assertEquals(6, q.count());
        assertEquals(3 * 2 * 6, q.attentionCells());
        // chunk order b1, b2, b0 (longest first)
        assertEquals(0, q.row(layout, 1, 2));
        assertEquals(1, q.row(layout, 1, 5));
        assertEquals(2, q.row(layout, 2, 3));
        assertEquals(4, q.row(layout, 0, 0));
        assertEquals(5, q.row(layout, 0, 1));
        int[] tokens = q.tokenRows();
        assertEquals(layout.row(1, 2), tokens[0]);
        assertEquals(layout.row(1, 5), tokens[1]);
        assertEquals(layout.row(2, 3), tokens[2]);
        assertEquals(layout.row(2, 3), tokens[3], "b2's second slot repeats its first row");
        assertEquals(layout.row(0, 1), tokens[5]);
        assertThrows(IllegalArgumentException.class, () -> q.row(layout, 2, 0), "not a query of b2");
        assertTrue(QueryRows.all(layout).isAll());
        assertEquals(layout.tokens(), QueryRows.all(layout).count());
    }
}
