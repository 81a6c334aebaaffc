package org.bert4rec.model.layers;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Named, reusable activation buffers. ND4J frees off-heap memory only when the Java GC runs, and a fresh large
 * allocation costs page faults on first touch (a new 52 MB array took longer than the arithmetic on it here); so
 * every activation and scratch array lives in a buffer that is allocated once and reused by every later step.
 *
 * <p>{@link #take} returns a c-ordered view of the first {@code prod(shape)} elements of the buffer registered under
 * {@code key}, growing it when a larger shape is asked for. Two arrays in use at the same time need different keys;
 * the key is the owner's parameter-style name ({@code encoder.0.attention.probs.3}). The content is undefined.
 */
public final class BufferArena implements AutoCloseable {
    /** Headroom when a buffer grows, so that slowly varying batch shapes do not reallocate every step. */
    private static final double GROWTH = 1.25;

    private final DataType dataType;
    private final Map<String, INDArray> buffers = new HashMap<>();

    public BufferArena(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** A c-ordered array of the given shape backed by the buffer of {@code key}; its content is undefined. */
    public INDArray take(String key, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        INDArray flat = buffers.get(key);
        if (flat == null || flat.length() < n) {
            long capacity = flat == null ? n : Math.max(n, (long) (flat.length() * GROWTH));
            if (flat != null) {
                flat.close();
            }
            flat = Nd4j.createUninitialized(dataType, Math.max(capacity, 1));
            buffers.put(key, flat);
        }
        INDArray prefix = n == flat.length() ? flat : flat.get(NDArrayIndex.interval(0, n));
        return prefix.reshape('c', shape);
    }

    /**
     * A c-ordered view of {@code prod(shape)} elements starting at {@code offset} of the buffer of {@code key}, which
     * holds at least {@code capacity} elements. Per-chunk arrays of one step share one buffer this way: a buffer per
     * chunk would be re-allocated whenever that chunk's length grows, and chunk lengths change every step.
     */
    public INDArray region(String key, long capacity, long offset, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (offset < 0 || offset + n > capacity) {
            throw new IllegalArgumentException("region [" + offset + ", " + (offset + n) + ") of " + key
                    + " exceeds its capacity " + capacity);
        }
        INDArray flat = take(key, capacity);
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }

    /** Like {@link #take} but filled with zeros. */
    public INDArray zeros(String key, long... shape) {
        return take(key, shape).assign(0);
    }

    /** Bytes held by all buffers. */
    public long bytes() {
        long total = 0;
        for (INDArray a : buffers.values()) {
            total += a.length() * dataType.width();
        }
        return total;
    }

    @Override
    public void close() {
        buffers.values().forEach(INDArray::close);
        buffers.clear();
    }
}
