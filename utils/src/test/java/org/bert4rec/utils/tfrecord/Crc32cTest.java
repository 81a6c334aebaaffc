package org.bert4rec.utils.tfrecord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    /** Bit-at-a-time CRC32C (reflected Castagnoli polynomial 0x82F63B78): the slow reference. */
    static int naiveCrc32c(byte[] data, int off, int len) {
        int crc = 0xffffffff;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void formatsTestVector() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe3069283, Crc32c.crc(b, 0, b.length));
        assertEquals(0xe3069283, naiveCrc32c(b, 0, b.length));
    }

    @Test
    void maskMatchesFormulaAndInverts() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            int c = r.nextInt();
            long expected = ((((c & 0xffffffffL) >>> 15) | ((c & 0xffffffffL) << 17)) + 0xa282ead8L) & 0xffffffffL;
            assertEquals((int) expected, Crc32c.mask(c));
            assertEquals(c, Crc32c.unmask(Crc32c.mask(c)));
        }
    }

    @Test
    void jdkCrcMatchesNaiveOnRandomSlices() {
        Random r = new Random(2);
        byte[] b = new byte[777];
        r.nextBytes(b);
        for (int i = 0; i < 50; i++) {
            int off = r.nextInt(b.length);
            int len = r.nextInt(b.length - off);
            assertEquals(naiveCrc32c(b, off, len), Crc32c.crc(b, off, len));
        }
    }
}
