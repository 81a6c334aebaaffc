package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.train.metrics.RankingProtocol;
import org.bert4rec.train.metrics.TargetRanker;
import org.junit.jupiter.api.Test;

class ScoringRowsTest {
    private static final int MASK = 12;

    /** Input 5 6 [MASK] (true item 7), padded to 5; {@code history} the items before the window. */
    private static MaskedLmInstance record(int[] history) {
        return new MaskedLmInstance(3, new int[] {5, 6, MASK, 0, 0}, new int[] {1, 1, 1, 0, 0}, new int[] {2, 0},
                new int[] {7, 0}, new float[] {1f, 0f}).withHistory(history);
    }

    @Test
    void theHistoryOfARecordIsSeenWithItsInput() {
        ScoringRow row = ScoringRows.fromInstance(record(new int[] {1, 2, 9}), MASK, "f", 0);
        assertEquals(2, row.position());
        assertEquals(7, row.target());
        assertArrayEquals(new int[] {5, 6, 0, 0, 0, 1, 2, 9}, row.seenItems(),
                "the input without the scored position and padding, then the history");
        assertArrayEquals(new int[] {5, 6, 0, 0, 0}, ScoringRows.fromInstance(record(new int[0]), MASK, "f", 0)
                .seenItems());
    }

    @Test
    void excludingSeenItemsLeavesOutTheHistoryToo() {
        // items 1..8; scores fall with the id, so the true item 7 is beaten by 1..6
        float[] scores = new float[MASK + 1];
        for (int id = 0; id < scores.length; id++) {
            scores[id] = -id;
        }
        RankingProtocol full = RankingProtocol.fullRanking(1, 8);
        TargetRanker kept = new TargetRanker(full, null);
        TargetRanker excluded = new TargetRanker(full.withExcludeSeen(true), null);
        ScoringRow windowOnly = ScoringRows.fromInstance(record(new int[0]), MASK, "f", 0);
        ScoringRow withHistory = ScoringRows.fromInstance(record(new int[] {1, 2, 8}), MASK, "f", 0);
        assertEquals(6, kept.rank(scores, 0, 7, withHistory.seenItems(), 0));
        assertEquals(4, excluded.rank(scores, 0, 7, windowOnly.seenItems(), 0), "5 and 6 are seen");
        assertEquals(2, excluded.rank(scores, 0, 7, withHistory.seenItems(), 0), "1, 2 (and 8, below) too");
    }
}
