package org.bert4rec.utils.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PickleDictWriterTest {

    @Test
    void smallDictIsByteExact() {
        Map<Object, Object> d = new LinkedHashMap<>();
        d.put(7L, 0);
        d.put("a", 300);
        byte[] expected = {
            (byte) 0x80, 2, '}', '(',
            'J', 7, 0, 0, 0, 'J', 0, 0, 0, 0,
            'X', 1, 0, 0, 0, 'a', 'J', 44, 1, 0, 0,
            'u', '.'};
        assertArrayEquals(expected, PickleDictWriter.toBytes(d));
    }

    @Test
    void roundTripsThroughAnUnpicklerWithBatchesAndBigInts() throws Exception {
        Map<Object, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < 2500; i++) {
            d.put("user_" + i, i);
        }
        d.put(1L << 40, -5);
        d.put(-3L, "négatif");
        Object back = NumpyArrays.python(PickleReader.load(new ByteArrayInputStream(PickleDictWriter.toBytes(d)),
                "test"));
        Map<Object, Object> expected = new HashMap<>();
        d.forEach((k, v) -> expected.put(k, v instanceof Integer i ? (Object) i.longValue() : v));
        assertEquals(expected, back);
    }
}
