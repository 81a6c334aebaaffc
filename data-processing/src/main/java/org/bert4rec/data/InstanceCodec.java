package org.bert4rec.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * tf.train.Example bytes to and from {@link MaskedLmInstance}, with the original BERT4Rec feature names
 * (FORMATS.md section 2).
 *
 * <p>Encoding is hand-written protobuf: a million records a second matter for the {@code all} stage, and the
 * generated classes would build a message tree per record. The bytes equal protobuf's deterministic serialization
 * (map entries sorted by key; a test checks this against {@code org.tensorflow.proto.Example}). Decoding accepts any
 * valid encoding: fields in any order, packed or unpacked repeated values, unknown fields skipped.
 *
 * <p>An instance of this class reuses one output buffer, so it is not thread-safe: use one per thread.
 */
public final class InstanceCodec {
    /** Written only when non-empty: evaluation and inference records of chains longer than the window. */
    public static final String HISTORY_IDS = "history_ids";
    public static final String INFO = "info";
    public static final String INPUT_IDS = "input_ids";
    public static final String INPUT_MASK = "input_mask";
    public static final String MASKED_LM_IDS = "masked_lm_ids";
    public static final String MASKED_LM_POSITIONS = "masked_lm_positions";
    public static final String MASKED_LM_WEIGHTS = "masked_lm_weights";

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_FIXED32 = 5;
    /** Example.features, Features.feature (map entry), entry.key, and the list's repeated value: all field 1. */
    private static final int TAG_1_LEN = 1 << 3 | WIRE_LEN;
    private static final int TAG_ENTRY_VALUE = 2 << 3 | WIRE_LEN;
    private static final int TAG_FLOAT_LIST = 2 << 3 | WIRE_LEN;
    private static final int TAG_INT64_LIST = 3 << 3 | WIRE_LEN;

    private static final byte[] K_HISTORY_IDS = HISTORY_IDS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_INFO = INFO.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_INPUT_IDS = INPUT_IDS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_INPUT_MASK = INPUT_MASK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_MASKED_LM_IDS = MASKED_LM_IDS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_MASKED_LM_POSITIONS = MASKED_LM_POSITIONS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K_MASKED_LM_WEIGHTS = MASKED_LM_WEIGHTS.getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[4096];
    private int pos;
    private final long[] infoScratch = new long[1];

    /** Encodes {@code inst}; the bytes are {@code buffer()[0, result)} until the next call. */
    public int encode(MaskedLmInstance inst) {
        infoScratch[0] = inst.info();
        int[] ids = inst.inputIds();
        int[] mask = inst.inputMask();
        int[] mIds = inst.maskedLmIds();
        int[] mPos = inst.maskedLmPositions();
        float[] w = inst.maskedLmWeights();
        int[] history = inst.historyIds();
        // sizes of each map entry, bottom-up
        int eHistory = history.length == 0 ? 0 : entrySize(K_HISTORY_IDS, int64FeatureSize(packedSize(history)));
        int eInfo = entrySize(K_INFO, int64FeatureSize(longPacked(infoScratch)));
        int eIds = entrySize(K_INPUT_IDS, int64FeatureSize(packedSize(ids)));
        int eMask = entrySize(K_INPUT_MASK, int64FeatureSize(packedSize(mask)));
        int eMIds = entrySize(K_MASKED_LM_IDS, int64FeatureSize(packedSize(mIds)));
        int eMPos = entrySize(K_MASKED_LM_POSITIONS, int64FeatureSize(packedSize(mPos)));
        int eW = entrySize(K_MASKED_LM_WEIGHTS, floatFeatureSize(w.length));
        int features = lenField(eInfo) + lenField(eIds) + lenField(eMask) + lenField(eMIds) + lenField(eMPos)
                + lenField(eW) + (history.length == 0 ? 0 : lenField(eHistory));
        int total = lenField(features);
        if (buf.length < total) {
            buf = new byte[Math.max(total, buf.length * 2)];
        }
        pos = 0;
        putTagLen(TAG_1_LEN, features);
        // keys in sorted order: protobuf's deterministic map serialization
        if (history.length > 0) {
            putInt64Entry(K_HISTORY_IDS, eHistory, history, null);
        }
        putInt64Entry(K_INFO, eInfo, null, infoScratch);
        putInt64Entry(K_INPUT_IDS, eIds, ids, null);
        putInt64Entry(K_INPUT_MASK, eMask, mask, null);
        putInt64Entry(K_MASKED_LM_IDS, eMIds, mIds, null);
        putInt64Entry(K_MASKED_LM_POSITIONS, eMPos, mPos, null);
        putFloatEntry(K_MASKED_LM_WEIGHTS, eW, w);
        assert pos == total;
        return pos;
    }

    /** The buffer {@link #encode} wrote into. */
    public byte[] buffer() {
        return buf;
    }

    /** A fresh byte array holding the encoding of {@code inst}. */
    public byte[] toBytes(MaskedLmInstance inst) {
        return Arrays.copyOf(buf, encode(inst));
    }

    // ---- sizes

    private static int entrySize(byte[] key, int featureSize) {
        return 1 + varintSize(key.length) + key.length + lenField(featureSize);
    }

    private static int int64FeatureSize(int packed) {
        int list = packed == 0 ? 0 : lenField(packed);
        return lenField(list);
    }

    private static int floatFeatureSize(int n) {
        int list = n == 0 ? 0 : lenField(4 * n);
        return lenField(list);
    }

    /** Tag byte + length varint + payload. */
    private static int lenField(int payload) {
        return 1 + varintSize(payload) + payload;
    }

    private static int packedSize(int[] v) {
        int s = 0;
        for (int x : v) {
            s += varintSize(x);
        }
        return s;
    }

    /** Bytes of an int's varint: 1 per 7 significant bits; negative values take 10 (sign-extended to 64 bits). */
    static int varintSize(int v) {
        return v < 0 ? 10 : (38 - Integer.numberOfLeadingZeros(v | 1)) / 7;
    }

    private static int longPacked(long[] v) {
        int s = 0;
        for (long x : v) {
            s += varintSize(x);
        }
        return s;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    // ---- writing

    private void putInt64Entry(byte[] key, int entrySize, int[] ints, long[] longs) {
        putTagLen(TAG_1_LEN, entrySize);
        putKey(key);
        int packed = ints != null ? packedSize(ints) : longPacked(longs);
        int list = packed == 0 ? 0 : lenField(packed);
        putTagLen(TAG_ENTRY_VALUE, lenField(list));
        putTagLen(TAG_INT64_LIST, list);
        if (packed > 0) {
            putTagLen(TAG_1_LEN, packed);
            if (ints != null) {
                for (int x : ints) {
                    if (x >= 0) {
                        putVarint(x);
                    } else {
                        putVarint((long) x);
                    }
                }
            } else {
                for (long x : longs) {
                    putVarint(x);
                }
            }
        }
    }

    private void putFloatEntry(byte[] key, int entrySize, float[] v) {
        putTagLen(TAG_1_LEN, entrySize);
        putKey(key);
        int list = v.length == 0 ? 0 : lenField(4 * v.length);
        putTagLen(TAG_ENTRY_VALUE, lenField(list));
        putTagLen(TAG_FLOAT_LIST, list);
        if (v.length > 0) {
            putTagLen(TAG_1_LEN, 4 * v.length);
            for (float f : v) {
                int bits = Float.floatToRawIntBits(f);
                buf[pos++] = (byte) bits;
                buf[pos++] = (byte) (bits >>> 8);
                buf[pos++] = (byte) (bits >>> 16);
                buf[pos++] = (byte) (bits >>> 24);
            }
        }
    }

    private void putKey(byte[] key) {
        putTagLen(TAG_1_LEN, key.length);
        System.arraycopy(key, 0, buf, pos, key.length);
        pos += key.length;
    }

    private void putTagLen(int tag, int len) {
        buf[pos++] = (byte) tag;
        putVarint(len);
    }

    private void putVarint(int v) {
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    private void putVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    // ---- reading

    /**
     * Decodes an Example; features other than the six and the optional {@code history_ids} are ignored, a missing
     * one of the six is an error naming it.
     *
     * @throws IllegalArgumentException on malformed bytes or a missing / mistyped feature
     */
    public static MaskedLmInstance decode(byte[] b, int off, int len) {
        ExampleParser p = new ExampleParser(b, off, off + len);
        return p.parse();
    }

    /** Streaming protobuf parser for the one message shape we read. */
    private static final class ExampleParser {
        private final byte[] b;
        private int pos;
        private final int end;
        private long[] info;
        private int[] inputIds;
        private int[] inputMask;
        private int[] mIds;
        private int[] mPos;
        private float[] weights;
        private int[] history;

        ExampleParser(byte[] b, int off, int end) {
            this.b = b;
            this.pos = off;
            this.end = end;
        }

        MaskedLmInstance parse() {
            while (pos < end) {
                int tag = (int) varint();
                if (tag == TAG_1_LEN) {
                    int len = length();
                    parseFeatures(pos + len);
                } else {
                    skip(tag & 7);
                }
            }
            require(info, INFO);
            require(inputIds, INPUT_IDS);
            require(inputMask, INPUT_MASK);
            require(mPos, MASKED_LM_POSITIONS);
            require(mIds, MASKED_LM_IDS);
            require(weights, MASKED_LM_WEIGHTS);
            if (info.length != 1) {
                throw new IllegalArgumentException("feature info has " + info.length + " values, expected 1");
            }
            MaskedLmInstance inst = new MaskedLmInstance(info[0], inputIds, inputMask, mPos, mIds, weights);
            return history == null ? inst : inst.withHistory(history);
        }

        private static void require(Object v, String name) {
            if (v == null) {
                throw new IllegalArgumentException("feature " + name + " is missing");
            }
        }

        private void parseFeatures(int stop) {
            while (pos < stop) {
                int tag = (int) varint();
                if (tag == TAG_1_LEN) {
                    int len = length();
                    parseEntry(pos + len);
                } else {
                    skip(tag & 7);
                }
            }
        }

        private void parseEntry(int stop) {
            String key = null;
            int valueStart = -1;
            int valueEnd = -1;
            while (pos < stop) {
                int tag = (int) varint();
                if (tag == TAG_1_LEN) {
                    int len = length();
                    key = new String(b, pos, len, StandardCharsets.UTF_8);
                    pos += len;
                } else if (tag == TAG_ENTRY_VALUE) {
                    int len = length();
                    valueStart = pos;
                    valueEnd = pos + len;
                    pos = valueEnd;
                } else {
                    skip(tag & 7);
                }
            }
            if (key == null || valueStart < 0) {
                return;
            }
            int save = pos;
            pos = valueStart;
            switch (key) {
                case INFO -> info = longs(valueEnd, key);
                case INPUT_IDS -> inputIds = ints(valueEnd, key);
                case INPUT_MASK -> inputMask = ints(valueEnd, key);
                case MASKED_LM_IDS -> mIds = ints(valueEnd, key);
                case MASKED_LM_POSITIONS -> mPos = ints(valueEnd, key);
                case MASKED_LM_WEIGHTS -> weights = floats(valueEnd, key);
                case HISTORY_IDS -> history = ints(valueEnd, key);
                default -> {
                    // a feature BERT4Rec does not use
                }
            }
            pos = save;
        }

        private int[] ints(int featureEnd, String key) {
            long[] v = longs(featureEnd, key);
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("feature " + key + " value " + v[i] + " is out of range");
                }
                out[i] = (int) v[i];
            }
            return out;
        }

        private long[] longs(int featureEnd, String key) {
            long[] out = new long[0];
            int n = 0;
            boolean found = false;
            while (pos < featureEnd) {
                int tag = (int) varint();
                if (tag != TAG_INT64_LIST) {
                    if ((tag >>> 3) == 1 || (tag >>> 3) == 2) {
                        throw new IllegalArgumentException("feature " + key + " is not an int64 list");
                    }
                    skip(tag & 7);
                    continue;
                }
                found = true;
                int listEnd = length() + pos;
                while (pos < listEnd) {
                    int t = (int) varint();
                    if (t == TAG_1_LEN) {
                        int stop = length() + pos;
                        int count = 0;
                        for (int i = pos; i < stop; i++) {
                            if (b[i] >= 0) {
                                count++;
                            }
                        }
                        out = grow(out, n + count);
                        while (pos < stop) {
                            out[n++] = varint();
                        }
                    } else if (t == (1 << 3 | WIRE_VARINT)) {
                        out = grow(out, n + 1);
                        out[n++] = varint();
                    } else {
                        skip(t & 7);
                    }
                }
            }
            if (!found) {
                throw new IllegalArgumentException("feature " + key + " is not an int64 list");
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        private float[] floats(int featureEnd, String key) {
            float[] out = new float[0];
            int n = 0;
            boolean found = false;
            while (pos < featureEnd) {
                int tag = (int) varint();
                if (tag != TAG_FLOAT_LIST) {
                    if ((tag >>> 3) == 1 || (tag >>> 3) == 3) {
                        throw new IllegalArgumentException("feature " + key + " is not a float list");
                    }
                    skip(tag & 7);
                    continue;
                }
                found = true;
                int listEnd = length() + pos;
                while (pos < listEnd) {
                    int t = (int) varint();
                    if (t == TAG_1_LEN) {
                        int len = length();
                        out = Arrays.copyOf(out, n + len / 4);
                        for (int i = 0; i < len / 4; i++) {
                            out[n++] = Float.intBitsToFloat(fixed32());
                        }
                    } else if (t == (1 << 3 | WIRE_FIXED32)) {
                        out = Arrays.copyOf(out, n + 1);
                        out[n++] = Float.intBitsToFloat(fixed32());
                    } else {
                        skip(t & 7);
                    }
                }
            }
            if (!found) {
                throw new IllegalArgumentException("feature " + key + " is not a float list");
            }
            return out;
        }

        private static long[] grow(long[] a, int n) {
            return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
        }

        private int fixed32() {
            check(4);
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        private long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                check(1);
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        private int length() {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new IllegalArgumentException("length " + len + " runs past the end of the record");
            }
            return (int) len;
        }

        private void skip(int wire) {
            switch (wire) {
                case WIRE_VARINT -> varint();
                case WIRE_FIXED64 -> {
                    check(8);
                    pos += 8;
                }
                case WIRE_LEN -> pos += length();
                case WIRE_FIXED32 -> {
                    check(4);
                    pos += 4;
                }
                default -> throw new IllegalArgumentException("malformed protobuf (wire type " + wire + ")");
            }
        }

        private void check(int n) {
            if (pos + n > end) {
                throw new IllegalArgumentException("record ends inside a field");
            }
        }
    }
}
