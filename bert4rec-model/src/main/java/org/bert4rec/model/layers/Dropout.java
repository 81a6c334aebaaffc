package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout (kept values scaled by 1/keep, as {@code tf.nn.dropout}) at one place of the network. The mask is
 * not stored: backward re-draws it from the same seed (see {@link Pass}) and applies it to the gradient, which is
 * exactly the derivative of the forward operation.
 */
public final class Dropout {
    private final double rate;
    private final int site;

    /**
     * @param rate the probability of dropping a value (the config's *_dropout_prob)
     * @param site a number unique to this place in the network
     */
    public Dropout(double rate, int site) {
        this.rate = rate;
        this.site = site;
    }

    /** Applies dropout in place in a training pass; does nothing otherwise. */
    public void forward(INDArray x, Pass pass, int part) {
        apply(x, pass, part);
    }

    /** The gradient through {@link #forward}, in place. */
    public void backward(INDArray dy, Pass pass, int part) {
        apply(dy, pass, part);
    }

    private void apply(INDArray x, Pass pass, int part) {
        if (!pass.training() || rate == 0) {
            return;
        }
        Nd4j.getExecutioner().exec(new DropOutInverted(x, x, 1.0 - rate), pass.randomFor(site, part));
    }
}
