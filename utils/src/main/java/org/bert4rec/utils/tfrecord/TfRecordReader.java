package org.bert4rec.utils.tfrecord;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bert4rec.utils.UserInputException;

/**
 * Reads TFRecord-framed records one at a time into a reused buffer, verifying both masked CRCs.
 *
 * <p>Use: {@code while (reader.next()) { use(reader.data(), 0, reader.length()); }}. A bad checksum, a truncated
 * record or an absurd length throws {@link UserInputException} naming the file and the 0-based record index, so a
 * corrupted file never yields garbage.
 */
public final class TfRecordReader implements Closeable {
    /** Larger lengths are taken as corruption rather than allocated (no record of ours comes near 1 GiB). */
    static final long MAX_RECORD_BYTES = 1L << 30;
    private static final int STREAM_BUFFER = 1 << 16;

    private final InputStream in;
    private final String source;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private byte[] data = new byte[1024];
    private int length;
    private long index = -1;

    /** Reads from {@code in}; {@code source} names it in error messages (usually the file path). */
    public TfRecordReader(InputStream in, String source) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, STREAM_BUFFER);
        this.source = source;
    }

    /** Opens a file; a missing file is a {@link UserInputException} naming it. */
    public static TfRecordReader open(Path file) {
        try {
            return new TfRecordReader(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new UserInputException("TFRecord file " + file + " does not exist: run the stage that writes it"
                    + " (bert4rec all) first");
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Advances to the next record; false at a clean end of file. */
    public boolean next() {
        try {
            int got = in.readNBytes(header, 0, header.length);
            if (got == 0) {
                return false;
            }
            index++;
            if (got < header.length) {
                throw corrupt("truncated header (" + got + " of 12 bytes)");
            }
            long len = getLongLe(header, 0);
            if (getIntLe(header, 8) != Crc32c.maskedCrc(crc, header, 0, 8)) {
                throw corrupt("length checksum mismatch");
            }
            if (len < 0 || len > MAX_RECORD_BYTES) {
                throw corrupt("implausible length " + len);
            }
            length = (int) len;
            if (data.length < length) {
                data = Arrays.copyOf(data, Math.max(length, data.length * 2));
            }
            if (in.readNBytes(data, 0, length) < length || in.readNBytes(footer, 0, 4) < 4) {
                throw corrupt("truncated record (file ends inside it)");
            }
            if (getIntLe(footer, 0) != Crc32c.maskedCrc(crc, data, 0, length)) {
                throw corrupt("data checksum mismatch");
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The current record's bytes, valid in {@code [0, length())} until the next call to {@link #next()}. */
    public byte[] data() {
        return data;
    }

    /** The current record's length in bytes. */
    public int length() {
        return length;
    }

    /** A copy of the current record. */
    public byte[] copy() {
        return Arrays.copyOf(data, length);
    }

    /** 0-based index of the current record. */
    public long index() {
        return index;
    }

    /** The name used in error messages. */
    public String source() {
        return source;
    }

    private UserInputException corrupt(String what) {
        return new UserInputException("TFRecord file " + source + ", record " + index + ": " + what
                + "; the file is corrupted or was cut short: write it again");
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Counts the records of a file by following the length fields (verifying each length's checksum) without
     * reading the data: a fast pass that sizes an epoch.
     */
    public static long countRecords(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            long size = ch.size();
            long pos = 0;
            long n = 0;
            while (pos < size) {
                head.clear();
                while (head.hasRemaining() && ch.read(head, pos + head.position()) > 0) {
                    // keep reading until the header is complete or the file ends
                }
                String where = "TFRecord file " + file + ", record " + n + ": ";
                if (head.hasRemaining()) {
                    throw new UserInputException(where + "truncated header; write the file again");
                }
                long len = head.getLong(0);
                if (head.getInt(8) != Crc32c.maskedCrc(crc, head.array(), 0, 8)) {
                    throw new UserInputException(where + "length checksum mismatch; write the file again");
                }
                pos += 12 + len + 4;
                if (len < 0 || len > MAX_RECORD_BYTES || pos > size) {
                    throw new UserInputException(where + "truncated record; write the file again");
                }
                n++;
            }
            return n;
        } catch (NoSuchFileException e) {
            throw new UserInputException("TFRecord file " + file + " does not exist: run bert4rec all first");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static long getLongLe(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    static int getIntLe(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
