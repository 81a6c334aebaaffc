package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation over the last axis with learned gain and offset, as BERT's {@code layer_norm}
 * ({@code tf.contrib.layers.layer_norm}, epsilon 1e-12). Parameters {@code name.gamma} and {@code name.beta} are not
 * weight-decayed.
 */
public final class LayerNorm {
    /** tf.contrib.layers.layer_norm's variance epsilon, which BERT keeps. */
    public static final double EPSILON = 1e-12;

    private final String name;
    private final String gradientKey;
    private final Parameter gamma;
    private final Parameter beta;
    private final BufferArena arena;
    private INDArray normalized;
    private INDArray inverseStd;

    public LayerNorm(String name, int width, ParameterStore params, BufferArena arena) {
        this(name, name + ".dx", width, params, arena);
    }

    /** As above, with the input gradient written into the arena buffer {@code gradientKey}. */
    public LayerNorm(String name, String gradientKey, int width, ParameterStore params, BufferArena arena) {
        this.name = name;
        this.gradientKey = gradientKey;
        this.gamma = params.ones(name + ".gamma", width);
        this.beta = params.zeros(name + ".beta", width);
        this.arena = arena;
    }

    /** x [T, H] → gamma · (x − mean) / sqrt(var + ε) + beta [T, H]. */
    public INDArray forward(INDArray x) {
        long rows = x.size(0);
        long width = x.size(1);
        normalized = arena.take(name + ".normalized", rows, width).assign(x);
        INDArray mean = arena.take(name + ".mean", rows);
        normalized.mean(mean, 1);
        normalized.subiColumnVector(mean.reshape(rows, 1));
        inverseStd = arena.take(name + ".inverse_std", rows);
        Nd4j.exec(new Norm2(normalized, inverseStd, 1));
        inverseStd.muli(inverseStd).divi(width).addi(EPSILON);   // variance + ε, [T]
        Transforms.sqrt(inverseStd, false).rdivi(1.0);
        inverseStd = inverseStd.reshape(rows, 1);                 // [T, 1]
        normalized.muliColumnVector(inverseStd);
        INDArray y = arena.take(name + ".out", rows, width).assign(normalized);
        return y.muliRowVector(gamma.value()).addiRowVector(beta.value());
    }

    /** Accumulates the gamma and beta gradients and returns the input gradient [T, H] (a buffer of this layer). */
    public INDArray backward(INDArray dy) {
        long rows = dy.size(0);
        long width = dy.size(1);
        INDArray scratch = arena.take("layer_norm.scratch", rows, width);
        dy.mul(normalized, scratch);
        ColumnSums.addInto(scratch, gamma.grad(), arena);
        ColumnSums.addInto(dy, beta.grad(), arena);
        // dx = (dxhat − mean(dxhat) − xhat · mean(dxhat ⊙ xhat)) / σ with dxhat = dy ⊙ gamma
        INDArray dx = arena.take(gradientKey, rows, width).assign(dy).muliRowVector(gamma.value());
        INDArray meanGrad = arena.take("layer_norm.mean_grad", rows);
        dx.mean(meanGrad, 1);
        dx.mul(normalized, scratch);
        INDArray meanProjection = arena.take("layer_norm.mean_projection", rows);
        scratch.mean(meanProjection, 1);
        scratch.assign(normalized).muliColumnVector(meanProjection.reshape(rows, 1));
        dx.subiColumnVector(meanGrad.reshape(rows, 1)).subi(scratch).muliColumnVector(inverseStd);
        return dx;
    }
}
