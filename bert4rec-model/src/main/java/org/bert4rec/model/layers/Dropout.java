package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout (kept values scaled by 1/keep, as {@code tf.nn.dropout}) at one place of the network.
 *
 * <p>The mask is drawn once per step and site from the pass's seeded stream (see {@link Pass}), kept in the arena,
 * and multiplied into the gradient by {@link #backward}: drawing random numbers is the expensive part (about 3 ns
 * an element here, where a multiply is a fraction of that), so re-drawing the mask for the backward pass, as an
 * earlier version did, cost a fifth of a training step. Masks remain a pure function of (seed, step, site, part),
 * so a resumed run still draws exactly the masks of an uninterrupted one.
 */
public final class Dropout {
    private final String name;
    private final double rate;
    private final int site;
    private final BufferArena arena;

    /**
     * @param name  the owner's parameter-style name; the masks live in the arena under {@code name.mask.<part>}
     * @param rate  the probability of dropping a value (the config's *_dropout_prob)
     * @param site  a number unique to this place in the network
     */
    public Dropout(String name, double rate, int site, BufferArena arena) {
        this.name = name;
        this.rate = rate;
        this.site = site;
        this.arena = arena;
    }

    /** True when a pass of this kind changes anything. */
    public boolean active(Pass pass) {
        return pass.training() && rate > 0;
    }

    /** Applies dropout to x in place in a training pass, keeping the mask of {@code part} for {@link #backward}. */
    public void forward(INDArray x, Pass pass, int part) {
        if (!active(pass)) {
            return;
        }
        INDArray mask = arena.take(maskKey(part), x.shape()).assign(1);   // becomes 0 or 1/keep
        draw(mask, pass, part);
        x.muli(mask);
    }

    /** The gradient through {@link #forward} of the same pass and part, in place. */
    public void backward(INDArray dy, Pass pass, int part) {
        if (!active(pass)) {
            return;
        }
        dy.muli(arena.take(maskKey(part), dy.shape()));
    }

    /**
     * Applies dropout to x in place without keeping the mask, for a caller whose backward pass needs only the
     * dropped values themselves (attention: see {@link MultiHeadSelfAttention#backward}).
     */
    public void forwardOnce(INDArray x, Pass pass, int part) {
        if (active(pass)) {
            draw(x, pass, part);
        }
    }

    private void draw(INDArray x, Pass pass, int part) {
        Nd4j.getExecutioner().exec(new DropOutInverted(x, x, 1.0 - rate), pass.randomFor(site, part));
    }

    private String maskKey(int part) {
        return name + ".mask." + part;
    }
}
