package org.bert4rec.model.layers;

import org.bert4rec.model.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's position-wise feed-forward block: {@code dense(intermediate_size) → hidden_act → dense(hidden_size)}.
 * Parameters: {@code name.intermediate.*}, {@code name.output.*}.
 */
public final class FeedForward {
    private final int intermediateSize;
    private final Dense intermediate;
    private final ActivationLayer activation;
    private final Dense output;
    private final BufferArena arena;

    public FeedForward(String name, int hidden, int intermediateSize, Activation act, ParameterStore params,
            BufferArena arena) {
        this.intermediateSize = intermediateSize;
        this.intermediate = new Dense(name + ".intermediate", hidden, intermediateSize, params, arena);
        this.activation = new ActivationLayer(name + ".activation", act, arena);
        this.output = new Dense(name + ".output", intermediateSize, hidden, params, arena);
        this.arena = arena;
    }

    /** x [T, H] → [T, H]. */
    public INDArray forward(INDArray x) {
        return output.forward(activation.forward(intermediate.forward(x)));   // [T, I] in between
    }

    /** Accumulates gradients for dy [T, H]; returns dx [T, H]. */
    public INDArray backward(INDArray dy) {
        INDArray dHidden = arena.take("feed_forward.d_intermediate", dy.size(0), intermediateSize);   // [T, I]
        output.backward(dy, dHidden, false);
        activation.backward(dHidden);
        INDArray dx = arena.take("feed_forward.dx", dy.size(0), dy.size(1));   // shared: see TransformerBlock
        intermediate.backward(dHidden, dx, false);
        return dx;
    }
}
