package org.bert4rec.utils.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a dict of str/int keys and str/int values as a protocol-2 pickle, the protocol the seed used, which every
 * Python 3 reads with {@code pickle.load}. Entries are written in the map's iteration order (pass a
 * {@code LinkedHashMap} for a stable file), in batches of 1000 SETITEMS as Python's own pickler does.
 */
public final class PickleDictWriter {
    private static final int PROTO = 0x80;
    private static final int PROTOCOL = 2;
    private static final int EMPTY_DICT = '}';
    private static final int MARK = '(';
    private static final int SETITEMS = 'u';
    private static final int STOP = '.';
    private static final int BININT = 'J';
    private static final int LONG1 = 0x8a;
    private static final int BINUNICODE = 'X';
    private static final int BATCH = 1000;

    private PickleDictWriter() {
    }

    /** The pickle bytes of {@code dict}; keys and values must be String, Integer or Long. */
    public static byte[] toBytes(Map<?, ?> dict) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + dict.size() * 24);
        out.write(PROTO);
        out.write(PROTOCOL);
        out.write(EMPTY_DICT);
        int inBatch = 0;
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (inBatch == 0) {
                out.write(MARK);
            }
            writeScalar(out, e.getKey());
            writeScalar(out, e.getValue());
            if (++inBatch == BATCH) {
                out.write(SETITEMS);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            out.write(SETITEMS);
        }
        out.write(STOP);
        return out.toByteArray();
    }

    private static void writeScalar(ByteArrayOutputStream out, Object v) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(BINUNICODE);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        } else if (v instanceof Integer || v instanceof Long) {
            long x = ((Number) v).longValue();
            if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                out.write(BININT);
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) x).array());
            } else {
                // LONG1: length byte, then two's complement little-endian (8 bytes always suffice for a long)
                out.write(LONG1);
                out.write(8);
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(x).array());
            }
        } else {
            throw new IllegalArgumentException("only str and int keys/values can be pickled here, got "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }
}
