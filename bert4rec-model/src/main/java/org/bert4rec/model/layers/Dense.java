package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fully connected layer {@code y = x · kernel + bias}, BERT's {@code tf.layers.dense}. */
public final class Dense {
    private final String outputKey;
    private final Parameter kernel;
    private final Parameter bias;
    private final BufferArena arena;
    private INDArray input;

    /** Creates {@code name.kernel} [in, out] (truncated normal) and {@code name.bias} [1, out] (zeros). */
    public Dense(String name, int in, int out, ParameterStore params, BufferArena arena) {
        this(name, in, out, name + ".out", params, arena);
    }

    /**
     * As above, with the output written into the arena buffer {@code outputKey}: layers whose output is consumed at
     * once and not needed by the backward pass share one buffer across the network.
     */
    public Dense(String name, int in, int out, String outputKey, ParameterStore params, BufferArena arena) {
        this.outputKey = outputKey;
        this.kernel = params.truncatedNormal(name + ".kernel", in, out);
        this.bias = params.zeros(name + ".bias", out);
        this.arena = arena;
    }

    /** The input width {@code in}. */
    public long inputWidth() {
        return kernel.value().size(0);
    }

    /** x [T, in] → y [T, out]; keeps a reference to x for the backward pass. */
    public INDArray forward(INDArray x) {
        input = x;
        INDArray y = arena.take(outputKey, x.size(0), kernel.value().size(1));
        Nd4j.gemm(x, kernel.value(), y, false, false, 1.0, 0.0);
        y.addiRowVector(bias.value());
        return y;
    }

    /**
     * Accumulates the kernel and bias gradients for output gradient {@code dy} [T, out] and writes the input
     * gradient into {@code dx} [T, in] (added to its content when {@code accumulate}); {@code dx} may be null when
     * the input gradient is not needed.
     */
    public void backward(INDArray dy, INDArray dx, boolean accumulate) {
        Nd4j.gemm(input, dy, kernel.grad(), true, false, 1.0, 1.0);
        ColumnSums.addInto(dy, bias.grad(), arena);
        if (dx != null) {
            Nd4j.gemm(dy, kernel.value(), dx, false, true, 1.0, accumulate ? 1.0 : 0.0);
        }
    }
}
