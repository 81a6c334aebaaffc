package org.bert4rec.model.layers;

import org.bert4rec.model.Bert4RecConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT4Rec's masked-LM output ({@code get_masked_lm_output}): the encoder output at the predicted positions goes
 * through {@code dense(hidden) → hidden_act → LayerNorm} (parameters {@code output_head.transform.*},
 * {@code output_head.layer_norm.*}) and is scored against every item: {@code logits = h · Eᵀ + output_head.bias}
 * with E the input item table (tied). Only the M predicted rows are computed, never the whole [T, V].
 */
public final class OutputHead {
    private final Dense transform;
    private final ActivationLayer activation;
    private final LayerNorm norm;
    private final Parameter bias;
    private final Parameter items;
    private final BufferArena arena;
    private int[] rows;
    private long tokens;
    private INDArray hidden;

    public OutputHead(Bert4RecConfig config, Parameter itemTable, ParameterStore params, BufferArena arena) {
        this.transform = new Dense("output_head.transform", config.hiddenSize(), config.hiddenSize(), params, arena);
        this.activation = new ActivationLayer("output_head.activation", config.activation(), arena);
        this.norm = new LayerNorm("output_head.layer_norm", config.hiddenSize(), params, arena);
        this.bias = params.zeros("output_head.bias", config.vocabSize());
        this.items = itemTable;
        this.arena = arena;
    }

    /** The head's hidden vectors h [M, H] at packed rows {@code rows} of the encoder output x [T, H]. */
    public INDArray hidden(INDArray x, int[] rows) {
        this.rows = rows;
        this.tokens = x.size(0);
        INDArray gathered = arena.take("output_head.gathered", rows.length, x.size(1));   // [M, H]
        Nd4j.pullRows(x, gathered, 1, rows);
        hidden = norm.forward(activation.forward(transform.forward(gathered)));
        return hidden;
    }

    /** Logits [M, V] = h · Eᵀ + bias for the hidden vectors of the last {@link #hidden} call. */
    public INDArray logits() {
        INDArray logits = arena.take("output_head.logits", hidden.size(0), items.value().size(0));   // [M, V]
        Nd4j.gemm(hidden, items.value(), logits, false, true, 1.0, 0.0);
        return logits.addiRowVector(bias.value());
    }

    /**
     * Accumulates the head's gradients (bias, tied item table, transform, LayerNorm) for dLogits [M, V] and returns
     * the gradient of the encoder output [T, H], zero except at the predicted rows.
     */
    public INDArray backward(INDArray dLogits) {
        ColumnSums.addInto(dLogits, bias.grad(), arena);
        Nd4j.gemm(dLogits, hidden, items.grad(), true, false, 1.0, 1.0);        // dE += dLogitsᵀ · h, [V, H]
        INDArray dHidden = arena.take("output_head.d_hidden", hidden.size(0), hidden.size(1));   // [M, H]
        Nd4j.gemm(dLogits, items.value(), dHidden, false, false, 1.0, 0.0);      // dh = dLogits · E
        INDArray dTransformed = activation.backward(norm.backward(dHidden));
        INDArray dGathered = arena.take("output_head.d_gathered", hidden.size(0), hidden.size(1));
        transform.backward(dTransformed, dGathered, false);
        INDArray dx = arena.zeros("output_head.d_encoder", tokens, hidden.size(1));   // [T, H]
        HostLoops.scatterAddRows(dx, rows, dGathered);
        return dx;
    }
}
