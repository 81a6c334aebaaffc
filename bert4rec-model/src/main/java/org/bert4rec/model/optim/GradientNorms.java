package org.bert4rec.model.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Σ g² in double precision in index order, in Java: ND4J's reductions split the sum across threads, so their result
 * would depend on the thread count, and the clip factor derived from it would change every later step.
 */
final class GradientNorms {
    private GradientNorms() {
    }

    static double sumOfSquares(INDArray x) {
        if (x.ordering() != 'c' || x.elementWiseStride() != 1) {
            throw new IllegalArgumentException("gradient must be c-ordered and contiguous");
        }
        int off = Math.toIntExact(x.offset());
        int n = Math.toIntExact(x.length());
        double sum = 0;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer b = x.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                double v = b.get(off + i);
                sum += v * v;
            }
        } else if (x.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = x.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                double v = b.get(off + i);
                sum += v * v;
            }
        } else {
            throw new IllegalArgumentException("unsupported gradient type " + x.dataType());
        }
        return sum;
    }
}
