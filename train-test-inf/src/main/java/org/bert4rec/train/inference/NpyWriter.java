package org.bert4rec.train.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a 2-D float32 matrix into a NumPy {@code .npy} file (format version 1.0) whose number of rows is known
 * only at the end.
 *
 * <p>The format: the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length, then an ASCII
 * Python dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), }} padded with spaces and ended
 * by a newline so that the data starts at a multiple of 64 bytes, then the data in C order. The header is written
 * with room for any row count and rewritten in place by {@link #close()}, so rows go straight to disk.
 */
public final class NpyWriter implements AutoCloseable {
    /** Bytes before the data: a multiple of 64 that leaves room for 19-digit shapes. */
    static final int HEADER_BYTES = 128;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int PREAMBLE_BYTES = MAGIC.length + 2;
    private static final int BUFFER_FLOATS = 1 << 14;

    private final FileChannel channel;
    private final int columns;
    private final ByteBuffer buffer;
    private long rows;
    private boolean closed;

    /** Creates (or truncates) {@code file} for a matrix of {@code columns} columns. */
    public NpyWriter(Path file, int columns) throws IOException {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        this.columns = columns;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.buffer = ByteBuffer.allocate(Math.max(BUFFER_FLOATS, columns) * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        writeFully(ByteBuffer.wrap(header(0, columns)));
    }

    /** Appends one row of {@code columns} values starting at {@code values[offset]}. */
    public void writeRow(float[] values, int offset) throws IOException {
        if (buffer.remaining() < columns * Float.BYTES) {
            flush();
        }
        for (int i = 0; i < columns; i++) {
            buffer.putFloat(values[offset + i]);
        }
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Writes the buffered rows and the final header, and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flush();
            channel.position(0);
            writeFully(ByteBuffer.wrap(header(rows, columns)));
        }
    }

    /** The {@value #HEADER_BYTES} bytes that precede the data of a {@code rows x columns} float32 matrix. */
    static byte[] header(long rows, int columns) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int dictBytes = HEADER_BYTES - PREAMBLE_BYTES;
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < dictBytes - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] out = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) (dictBytes & 0xff);
        out[MAGIC.length + 1] = (byte) (dictBytes >>> 8);
        System.arraycopy(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, out, PREAMBLE_BYTES, dictBytes);
        return out;
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
