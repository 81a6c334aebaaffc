package org.bert4rec.utils.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordRoundTripTest {
    @TempDir
    Path dir;

    private static byte[][] records() {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 7);
        return new byte[][] {"abc".getBytes(StandardCharsets.US_ASCII), new byte[0], big};
    }

    private Path writeFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TfRecordWriter w = new TfRecordWriter(bytes);
        for (byte[] r : records()) {
            w.write(r);
        }
        w.close();
        assertEquals(3, w.records());
        Path f = dir.resolve("x.tfrecord");
        Files.write(f, bytes.toByteArray());
        return f;
    }

    @Test
    void framingIsByteExact() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TfRecordWriter(bytes).write("abc".getBytes(StandardCharsets.US_ASCII));
        byte[] b = bytes.toByteArray();
        assertEquals(3 + 16, b.length);
        assertEquals(3, TfRecordReader.getLongLe(b, 0));
        byte[] len = Arrays.copyOf(b, 8);
        assertEquals(Crc32c.mask(Crc32cTest.naiveCrc32c(len, 0, 8)), TfRecordReader.getIntLe(b, 8));
        assertEquals('a', b[12]);
        assertEquals(Crc32c.mask(Crc32cTest.naiveCrc32c(b, 12, 3)), TfRecordReader.getIntLe(b, 15));
    }

    @Test
    void frameHelperMatchesStreamWriter() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TfRecordWriter(bytes).write(data);
        byte[] dest = new byte[40];
        int end = TfRecordWriter.frame(new CRC32C(), data, 0, data.length, dest, 3);
        assertEquals(3 + 21, end);
        assertArrayEquals(bytes.toByteArray(), Arrays.copyOfRange(dest, 3, end));
    }

    @Test
    void readsBackWhatWasWritten() throws Exception {
        Path f = writeFile();
        assertEquals(3, TfRecordReader.countRecords(f));
        try (TfRecordReader r = TfRecordReader.open(f)) {
            for (byte[] expected : records()) {
                assertTrue(r.next());
                assertArrayEquals(expected, r.copy());
            }
            assertFalse(r.next());
        }
    }

    @Test
    void corruptDataNamesFileAndRecord() throws Exception {
        Path f = writeFile();
        byte[] b = Files.readAllBytes(f);
        b[19 + 16 + 12 + 10] ^= 1; // a data byte of the third record (index 2)
        Files.write(f, b);
        UserInputException e = assertThrows(UserInputException.class, () -> readAll(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("record 2"), e.getMessage());
        assertTrue(e.getMessage().contains("data checksum"), e.getMessage());
    }

    @Test
    void corruptLengthIsCaught() throws Exception {
        Path f = writeFile();
        byte[] b = Files.readAllBytes(f);
        b[19] ^= 4; // length of record 1
        Files.write(f, b);
        UserInputException e = assertThrows(UserInputException.class, () -> readAll(f));
        assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("length checksum"),
                e.getMessage());
        assertThrows(UserInputException.class, () -> TfRecordReader.countRecords(f));
    }

    @Test
    void truncatedFileIsCaught() throws Exception {
        Path f = writeFile();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 3));
        UserInputException e = assertThrows(UserInputException.class, () -> readAll(f));
        assertTrue(e.getMessage().contains("record 2") && e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(UserInputException.class, () -> TfRecordReader.countRecords(f));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.tfrecord");
        UserInputException e = assertThrows(UserInputException.class, () -> TfRecordReader.open(f));
        assertTrue(e.getMessage().contains(f.toString()));
    }

    private static void readAll(Path f) {
        try (TfRecordReader r = TfRecordReader.open(f)) {
            while (r.next()) {
                r.length();
            }
        }
    }
}
