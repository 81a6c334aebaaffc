package org.bert4rec.model.layers;

import org.bert4rec.model.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The config's {@code hidden_act} applied element-wise, with its derivative.
 *
 * <p>GELU is BERT's tanh form 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), computed as x·σ(2√(2/π)(x + 0.044715x³))
 * (the same function, since 0.5(1 + tanh u) = σ(2u)), because ND4J's sigmoid ran about twice as fast as its tanh
 * here. DL4J's own {@code gelu} is a different approximation (x·σ(1.702x)) and its {@code preciseGelu} fails gradient
 * checks, so neither is used.
 */
public final class ActivationLayer {
    private static final double GELU_CUBIC = 0.044715;
    private static final double TWO_SQRT_TWO_OVER_PI = 2 * Math.sqrt(2 / Math.PI);

    private final String name;
    private final Activation activation;
    private final BufferArena arena;
    private INDArray input;
    private INDArray output;
    private INDArray sigmoid;

    public ActivationLayer(String name, Activation activation, BufferArena arena) {
        this.name = name;
        this.activation = activation;
        this.arena = arena;
    }

    /** y = act(x), element-wise; keeps x (and GELU's sigmoid) for backward. */
    public INDArray forward(INDArray x) {
        input = x;
        output = arena.take(name + ".out", x.shape());
        switch (activation) {
            case GELU -> {
                // s = σ(x · (a + a·c·x²)), a = 2√(2/π), c = 0.044715; y = x · s
                sigmoid = arena.take(name + ".sigmoid", x.shape());
                x.mul(x, sigmoid).muli(TWO_SQRT_TWO_OVER_PI * GELU_CUBIC).addi(TWO_SQRT_TWO_OVER_PI).muli(x);
                Transforms.sigmoid(sigmoid, false);
                x.mul(sigmoid, output);
            }
            case RELU -> Transforms.relu(output.assign(x), false);
            case TANH -> Transforms.tanh(output.assign(x), false);
            case LINEAR -> output.assign(x);
        }
        return output;
    }

    /**
     * Turns {@code dy} into the input gradient, in place, and returns it. The pass's stored activations are used up
     * (GELU's sigmoid buffer is overwritten), so call it once per forward.
     */
    public INDArray backward(INDArray dy) {
        switch (activation) {
            case GELU -> {
                // dy/dx = s + u·s(1 − s) with u = x·a(1 + 3c·x²); with s' = 1 − s (in place, one buffer fewer
                // than keeping s) that is u·s·s' − s' + 1
                INDArray slope = arena.take("activation.scratch", input.shape());
                input.mul(input, slope).muli(3 * GELU_CUBIC * TWO_SQRT_TWO_OVER_PI).addi(TWO_SQRT_TWO_OVER_PI)
                        .muli(input).muli(sigmoid);
                INDArray complement = sigmoid.rsubi(1.0);
                slope.muli(complement).subi(complement).addi(1.0);
                dy.muli(slope);
            }
            case RELU -> dy.muli(input.gt(0).castTo(dy.dataType()));
            case TANH -> dy.muli(output.mul(output).rsubi(1.0));
            case LINEAR -> {
                // identity: the gradient passes unchanged
            }
        }
        return dy;
    }
}
