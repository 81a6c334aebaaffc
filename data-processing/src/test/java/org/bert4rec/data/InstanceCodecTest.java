package org.bert4rec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tfrecord.TfRecordWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

class InstanceCodecTest {

    static MaskedLmInstance random(Random r, int seqLen, int preds) {
        int[] ids = new int[seqLen];
        int[] mask = new int[seqLen];
        int n = 1 + r.nextInt(seqLen);
        for (int i = 0; i < n; i++) {
            ids[i] = 1 + r.nextInt(100_000);
            mask[i] = 1;
        }
        int[] pos = new int[preds];
        int[] mIds = new int[preds];
        float[] w = new float[preds];
        int k = 1 + r.nextInt(preds);
        for (int i = 0; i < k; i++) {
            pos[i] = i;
            mIds[i] = 1 + r.nextInt(300);
            w[i] = 1f;
        }
        MaskedLmInstance m = new MaskedLmInstance(r.nextInt(1_000_000), ids, mask, pos, mIds, w);
        if (r.nextBoolean()) {
            return m; // no history: the feature is not written at all
        }
        int[] history = r.ints(1 + r.nextInt(300), 1, 100_000).sorted().distinct().toArray();
        return m.withHistory(history);
    }

    static Example proto(MaskedLmInstance m) {
        Features.Builder features = Features.newBuilder();
        if (m.historyIds().length > 0) {
            features.putFeature("history_ids", ints(toLong(m.historyIds())));
        }
        return Example.newBuilder().setFeatures(features
                .putFeature("info", ints(new long[] {m.info()}))
                .putFeature("input_ids", ints(toLong(m.inputIds())))
                .putFeature("input_mask", ints(toLong(m.inputMask())))
                .putFeature("masked_lm_positions", ints(toLong(m.maskedLmPositions())))
                .putFeature("masked_lm_ids", ints(toLong(m.maskedLmIds())))
                .putFeature("masked_lm_weights", floats(m.maskedLmWeights()))).build();
    }

    private static Feature ints(long[] v) {
        Int64List.Builder b = Int64List.newBuilder();
        for (long x : v) {
            b.addValue(x);
        }
        return Feature.newBuilder().setInt64List(b).build();
    }

    private static Feature floats(float[] v) {
        FloatList.Builder b = FloatList.newBuilder();
        for (float x : v) {
            b.addValue(x);
        }
        return Feature.newBuilder().setFloatList(b).build();
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static byte[] deterministic(Example e) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.useDeterministicSerialization();
        e.writeTo(c);
        c.flush();
        return out.toByteArray();
    }

    @Test
    void formatsCheckBytes() {
        assertEquals("0a0301ac02", HexFormat.of().formatHex(
                Int64List.newBuilder().addValue(1).addValue(300).build().toByteArray()));
    }

    @Test
    void encodingEqualsProtobufDeterministicSerialization() throws Exception {
        Random r = new Random(7);
        InstanceCodec codec = new InstanceCodec();
        for (int i = 0; i < 200; i++) {
            MaskedLmInstance m = random(r, 1 + r.nextInt(250), 1 + r.nextInt(30));
            assertArrayEquals(deterministic(proto(m)), codec.toBytes(m), "instance " + i);
        }
    }

    @Test
    void protoClassesParseOurBytesAndWeParseTheirs() throws Exception {
        Random r = new Random(8);
        InstanceCodec codec = new InstanceCodec();
        for (int i = 0; i < 100; i++) {
            MaskedLmInstance m = random(r, 50, 5);
            byte[] ours = codec.toBytes(m);
            assertEquals(proto(m), Example.parseFrom(ours));
            byte[] theirs = proto(m).toByteArray(); // non-deterministic map order is fine for a reader
            assertEquals(m, InstanceCodec.decode(theirs, 0, theirs.length));
        }
    }

    @Test
    void historyIdsAreWrittenOnlyWhenPresentAndReadBack() {
        MaskedLmInstance plain = random(new Random(11), 20, 4).withHistory(new int[0]);
        InstanceCodec codec = new InstanceCodec();
        byte[] without = codec.toBytes(plain);
        assertTrue(!new String(without, java.nio.charset.StandardCharsets.ISO_8859_1).contains("history_ids"));
        assertEquals(0, InstanceCodec.decode(without, 0, without.length).historyIds().length);
        MaskedLmInstance with = plain.withHistory(new int[] {3, 90, 70_000});
        byte[] bytes = codec.toBytes(with);
        assertArrayEquals(new int[] {3, 90, 70_000}, InstanceCodec.decode(bytes, 0, bytes.length).historyIds());
        assertEquals(without.length + 2 + 13 + 2 + 2 + 2 + 5, bytes.length,
                "one map entry: tag+len, key tag+len+11 chars, value tag+len, list tag+len, packed tag+len+5 bytes (3, 90, 70000)");
    }

    @Test
    void unpackedEncodingAndExtraFeaturesAreAccepted() throws Exception {
        MaskedLmInstance m = random(new Random(9), 10, 3);
        // unpacked int64 values: write input_ids value by value (field 1, wire type 0)
        Example e = proto(m).toBuilder().setFeatures(proto(m).getFeatures().toBuilder()
                .putFeature("extra", Feature.newBuilder().setBytesList(
                        org.tensorflow.proto.BytesList.newBuilder().addValue(
                                com.google.protobuf.ByteString.copyFromUtf8("x"))).build())).build();
        byte[] b = e.toByteArray();
        assertEquals(m, InstanceCodec.decode(b, 0, b.length));
        // input_ids written unpacked (one varint field per value), in a second Example.features field that
        // protobuf merges into the first: both are valid encodings a reader must accept
        Example without = proto(m).toBuilder().setFeatures(proto(m).getFeatures().toBuilder()
                .removeFeature("input_ids")).build();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (int v : m.inputIds()) {
            list.write(0x08);
            writeVarint(list, v);
        }
        byte[] feature = wrap(0x1a, list.toByteArray());
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.writeBytes(wrap(0x0a, "input_ids".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        entry.writeBytes(wrap(0x12, feature));
        byte[] second = wrap(0x0a, wrap(0x0a, entry.toByteArray()));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(without.toByteArray());
        all.writeBytes(second);
        byte[] mixed = all.toByteArray();
        assertEquals(proto(m), Example.parseFrom(mixed));
        assertEquals(m, InstanceCodec.decode(mixed, 0, mixed.length));
        byte[] missing = without.toByteArray();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> InstanceCodec.decode(missing, 0, missing.length));
        assertTrue(ex.getMessage().contains("input_ids is missing"), ex.getMessage());
    }

    private static byte[] wrap(int tag, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    @Test
    void readerChecksLengthsAndNamesFileRecordFeature(@TempDir Path dir) throws Exception {
        Random r = new Random(10);
        Path f = dir.resolve("t.tfrecord");
        InstanceCodec codec = new InstanceCodec();
        MaskedLmInstance a = random(r, 20, 4);
        MaskedLmInstance b = random(r, 21, 4);
        try (var out = Files.newOutputStream(f)) {
            TfRecordWriter w = new TfRecordWriter(out);
            w.write(codec.toBytes(a));
            w.write(codec.toBytes(b));
        }
        try (InstanceReader reader = new InstanceReader(f, 20, 4)) {
            assertEquals(a, reader.next());
            UserInputException e = assertThrows(UserInputException.class, reader::next);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("record 1")
                    && e.getMessage().contains("input_ids has 21 values, expected 20"), e.getMessage());
        }
    }
}
