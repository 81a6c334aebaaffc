package org.bert4rec.utils.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoringThreadsTest {

    @Test
    void oneReplicaPerCoreOnlyWhenOpsAreSingleThreadedAndAtMostFour() {
        assertEquals(2, ScoringThreads.replicas("1", 2));
        assertEquals(1, ScoringThreads.replicas("1", 1));
        assertEquals(ScoringThreads.MAX_REPLICAS, ScoringThreads.replicas(" 1 ", 64));
        assertEquals(1, ScoringThreads.replicas(null, 2), "unset: ND4J threads each op");
        assertEquals(1, ScoringThreads.replicas("2", 2), "the user's thread count: one replica");
    }
}
