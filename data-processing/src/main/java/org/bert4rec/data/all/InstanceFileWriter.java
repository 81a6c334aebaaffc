package org.bert4rec.data.all;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.bert4rec.data.InstanceCodec;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.utils.io.AtomicFiles;
import org.bert4rec.utils.tfrecord.TfRecordWriter;

/**
 * Writes instances 0..n-1 to a TFRecord file in that order, generating and encoding chunks of them on a thread pool
 * while earlier chunks are written: the file's bytes do not depend on the number of threads, and memory holds only
 * the chunks in flight.
 */
final class InstanceFileWriter {
    static final int CHUNK = 2048;
    private static final int INITIAL_CHUNK_BYTES = 1 << 20;

    private InstanceFileWriter() {
    }

    /**
     * Writes {@code count} instances to {@code file}; each chunk task gets its own maker from {@code makers}, so that
     * makers may reuse their buffers (the instance a maker returns need only live until its next call).
     */
    static void write(Path file, int count, Supplier<IntFunction<MaskedLmInstance>> makers, ExecutorService pool,
            int threads) {
        AtomicFiles.write(file, out -> {
            ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
            int next = 0;
            int maxInFlight = Math.max(2, threads * 2);
            while (next < count || !inFlight.isEmpty()) {
                while (next < count && inFlight.size() < maxInFlight) {
                    int from = next;
                    int to = Math.min(count, next + CHUNK);
                    inFlight.add(pool.submit(() -> encode(from, to, makers.get())));
                    next = to;
                }
                out.write(await(inFlight.poll()));
            }
        });
    }

    private static byte[] encode(int from, int to, IntFunction<MaskedLmInstance> make) {
        InstanceCodec codec = new InstanceCodec();
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[INITIAL_CHUNK_BYTES];
        int pos = 0;
        for (int i = from; i < to; i++) {
            int len = codec.encode(make.apply(i));
            if (chunk.length < pos + len + TfRecordWriter.FRAMING_BYTES) {
                chunk = Arrays.copyOf(chunk, Math.max(chunk.length * 2, pos + len + TfRecordWriter.FRAMING_BYTES));
            }
            pos = TfRecordWriter.frame(crc, codec.buffer(), 0, len, chunk, pos);
        }
        return Arrays.copyOf(chunk, pos);
    }

    private static byte[] await(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
