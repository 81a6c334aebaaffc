package org.bert4rec.utils.tfrecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Streams TFRecord-framed records to an output stream. The header and footer buffers and the checksum are reused,
 * so writing allocates nothing per record. The caller owns buffering and atomicity (see
 * {@code org.bert4rec.utils.io.AtomicFiles}).
 */
public final class TfRecordWriter implements Closeable {
    /** Bytes of framing around each record: 8 length + 4 length CRC + 4 data CRC. */
    public static final int FRAMING_BYTES = 16;

    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long records;

    public TfRecordWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one record holding all of {@code data}. */
    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Writes one record holding {@code len} bytes of {@code data} from {@code off}. */
    public void write(byte[] data, int off, int len) throws IOException {
        putLongLe(header, 0, len);
        putIntLe(header, 8, Crc32c.maskedCrc(crc, header, 0, 8));
        putIntLe(footer, 0, Crc32c.maskedCrc(crc, data, off, len));
        out.write(header);
        out.write(data, off, len);
        out.write(footer);
        records++;
    }

    /**
     * Frames a record into {@code dest} at {@code pos} (which must have room for {@code len + FRAMING_BYTES}) and
     * returns the position after it: lets parallel encoders build whole file chunks in memory.
     */
    public static int frame(CRC32C scratch, byte[] data, int off, int len, byte[] dest, int pos) {
        putLongLe(dest, pos, len);
        putIntLe(dest, pos + 8, Crc32c.maskedCrc(scratch, dest, pos, 8));
        System.arraycopy(data, off, dest, pos + 12, len);
        putIntLe(dest, pos + 12 + len, Crc32c.maskedCrc(scratch, data, off, len));
        return pos + len + FRAMING_BYTES;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Flushes the underlying stream (it is not closed: its owner closes it). */
    @Override
    public void close() throws IOException {
        out.flush();
    }

    static void putLongLe(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putIntLe(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
