package org.bert4rec.model.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few operations done in Java over the raw buffers of c-ordered arrays: the embedding gradient's scatter-add
 * (repeated ids must add up, which ND4J's scatter ops do not guarantee deterministically) and sums that must not
 * depend on the thread count. They run in one thread in a fixed order, so their results are reproducible.
 */
public final class HostLoops {
    private HostLoops() {
    }

    /** {@code target[targetRows[i], :] += source[i, :]} for every row i of {@code source}. */
    static void scatterAddRows(INDArray target, int[] targetRows, INDArray source) {
        requireContiguous(target);
        requireContiguous(source);
        int width = Math.toIntExact(target.size(1));
        long tOff = target.offset();
        long sOff = source.offset();
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer t = target.data().asNioFloat();
            FloatBuffer s = source.data().asNioFloat();
            for (int i = 0; i < targetRows.length; i++) {
                int tBase = Math.toIntExact(tOff + (long) targetRows[i] * width);
                int sBase = Math.toIntExact(sOff + (long) i * width);
                for (int j = 0; j < width; j++) {
                    t.put(tBase + j, t.get(tBase + j) + s.get(sBase + j));
                }
            }
        } else {
            DoubleBuffer t = target.data().asNioDouble();
            DoubleBuffer s = source.data().asNioDouble();
            for (int i = 0; i < targetRows.length; i++) {
                int tBase = Math.toIntExact(tOff + (long) targetRows[i] * width);
                int sBase = Math.toIntExact(sOff + (long) i * width);
                for (int j = 0; j < width; j++) {
                    t.put(tBase + j, t.get(tBase + j) + s.get(sBase + j));
                }
            }
        }
    }

    /**
     * Writes {@code values} into a c-ordered contiguous array of as many elements, without the off-heap temporary
     * that {@code Nd4j.createFromArray} would make (ND4J frees those only when the Java GC runs, so per-batch
     * temporaries pile up over a long inference run).
     */
    static void copyInto(INDArray target, float[] values) {
        requireContiguous(target);
        if (target.length() != values.length) {
            throw new IllegalArgumentException("target has " + target.length() + " elements, values " + values.length);
        }
        int off = Math.toIntExact(target.offset());
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer t = target.data().asNioFloat();
            t.position(off);
            t.put(values);
        } else {
            DoubleBuffer t = target.data().asNioDouble();
            for (int i = 0; i < values.length; i++) {
                t.put(off + i, values[i]);
            }
        }
    }

    /** The elements of a c-ordered contiguous array as floats, read without an off-heap copy. */
    public static float[] toFloats(INDArray x) {
        requireContiguous(x);
        int n = Math.toIntExact(x.length());
        int off = Math.toIntExact(x.offset());
        float[] out = new float[n];
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer b = x.data().asNioFloat();
            b.position(off);
            b.get(out);
        } else {
            DoubleBuffer b = x.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                out[i] = (float) b.get(off + i);
            }
        }
        return out;
    }

    /** Element {@code i} of a c-ordered array viewed as flat. */
    static double get(INDArray x, long i) {
        return x.data().getDouble(x.offset() + i);
    }

    /** Sets element {@code i} of a c-ordered array viewed as flat. */
    static void put(INDArray x, long i, double value) {
        x.data().put(x.offset() + i, value);
    }

    private static void requireContiguous(INDArray x) {
        if (x.ordering() != 'c' || x.elementWiseStride() != 1) {
            throw new IllegalArgumentException("expected a c-ordered contiguous array, got " + x.shapeInfoToString());
        }
    }
}
