package org.bert4rec.model.optim;

import java.util.List;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.model.layers.BufferArena;
import org.bert4rec.model.layers.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT's {@code AdamWeightDecayOptimizer} (google-research/bert optimization.py, which BERT4Rec copies), preceded by
 * {@code tf.clip_by_global_norm}:
 * <pre>
 *   g  ← g · clip / max(‖g‖, clip)                       (global norm over all parameters)
 *   m  ← β1·m + (1 − β1)·g
 *   v  ← β2·v + (1 − β2)·g²
 *   u  ← m / (√v + ε)  [+ weight_decay · θ  unless LayerNorm or bias]
 *   θ  ← θ − lr · u
 * </pre>
 * Like the original, by default there is no bias correction of m and v ("the bias correction is omitted" is a
 * deliberate choice in BERT's code). Without it the update at step t is about (1 − β1ᵗ)/√(1 − β2ᵗ) times the
 * corrected one: 3.2× at step 100 and still 1.3× at step 1,000, so a short run's learning rate is in effect several
 * times the one asked for. {@link TrainingHyperparams#biasCorrection()} turns on Kingma &amp; Ba's correction
 * (m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ), u = m̂/(√v̂ + ε)), as PyTorch's AdamW does. The decay is decoupled from the
 * moments (Loshchilov &amp; Hutter), not an L2 term in the gradient.
 */
public final class AdamWeightDecay {
    private final List<Parameter> parameters;
    private final INDArray[] firstMoments;
    private final INDArray[] secondMoments;
    private final TrainingHyperparams hyper;
    private final BufferArena arena;

    public AdamWeightDecay(List<Parameter> parameters, TrainingHyperparams hyper, BufferArena arena) {
        this.parameters = List.copyOf(parameters);
        this.hyper = hyper;
        this.arena = arena;
        this.firstMoments = new INDArray[parameters.size()];
        this.secondMoments = new INDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            INDArray value = parameters.get(i).value();
            firstMoments[i] = Nd4j.zeros(value.dataType(), value.shape());
            secondMoments[i] = Nd4j.zeros(value.dataType(), value.shape());
        }
    }

    /** The parameters in order; moment {@code i} belongs to parameter {@code i}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Adam's m of parameter {@code i} (live array: checkpoints read and restore it). */
    public INDArray firstMoment(int i) {
        return firstMoments[i];
    }

    /** Adam's v of parameter {@code i} (live array). */
    public INDArray secondMoment(int i) {
        return secondMoments[i];
    }

    /** The global L2 norm of all gradients, summed in a fixed order in double precision. */
    public double globalGradientNorm() {
        double sum = 0;
        for (Parameter p : parameters) {
            sum += GradientNorms.sumOfSquares(p.grad());
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips the gradients and updates every parameter with learning rate {@code lr}; returns the norm before.
     *
     * @param t this update's number, from 1 (only the bias correction reads it)
     */
    public double update(double lr, long t) {
        double norm = globalGradientNorm();
        double clipScale = hyper.clipNorm() / Math.max(norm, hyper.clipNorm());
        double mScale = hyper.biasCorrection() ? 1 / (1 - Math.pow(hyper.beta1(), t)) : 1;
        double sqrtVScale = hyper.biasCorrection() ? 1 / Math.sqrt(1 - Math.pow(hyper.beta2(), t)) : 1;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            INDArray g = p.grad();
            if (clipScale != 1.0) {
                g.muli(clipScale);
            }
            INDArray m = firstMoments[i];
            INDArray v = secondMoments[i];
            INDArray step = arena.take("adam.step", g.shape());
            INDArray scratch = arena.take("adam.scratch", g.shape());
            m.muli(hyper.beta1()).addi(g.mul(1 - hyper.beta1(), scratch));
            g.mul(g, scratch).muli(1 - hyper.beta2());
            v.muli(hyper.beta2()).addi(scratch);
            Nd4j.exec(new Sqrt(v, step));
            if (sqrtVScale != 1) {
                step.muli(sqrtVScale);
            }
            step.addi(hyper.epsilon());
            m.div(step, step);                                            // m / (√v̂ + ε)
            if (mScale != 1) {
                step.muli(mScale);                                        // m̂ / (√v̂ + ε)
            }
            if (p.decayed() && hyper.weightDecay() != 0) {
                step.addi(p.value().mul(hyper.weightDecay(), scratch));
            }
            p.value().subi(step.muli(lr));
        }
        return norm;
    }
}
