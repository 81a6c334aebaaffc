package org.bert4rec.utils.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelThreadsTest {

    @Test
    void oneReplicaPerCoreOnlyWhenOpsAreSingleThreadedAndAtMostFour() {
        assertEquals(2, ModelThreads.replicas("1", 2));
        assertEquals(1, ModelThreads.replicas("1", 1));
        assertEquals(ModelThreads.MAX_REPLICAS, ModelThreads.replicas(" 1 ", 64));
        assertEquals(1, ModelThreads.replicas(null, 2), "unset: ND4J threads each op");
        assertEquals(1, ModelThreads.replicas("2", 2), "the user's thread count: one replica");
    }
}
