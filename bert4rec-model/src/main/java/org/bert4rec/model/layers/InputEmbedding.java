package org.bert4rec.model.layers;

import org.bert4rec.model.Bert4RecConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT4Rec's input: item embedding + learned absolute position embedding, LayerNorm, dropout (BERT's
 * {@code embedding_lookup} + {@code embedding_postprocessor} without token types). The item table
 * {@code embeddings.item} [vocab, H] is shared with the output layer (tied weights).
 */
public final class InputEmbedding {
    private final Parameter items;
    private final Parameter positions;
    private final LayerNorm norm;
    private final Dropout dropout;
    private final BufferArena arena;
    private Pass pass;

    public InputEmbedding(Bert4RecConfig config, int dropoutSite, ParameterStore params, BufferArena arena) {
        this.items = params.truncatedNormal("embeddings.item", config.vocabSize(), config.hiddenSize());
        this.positions = params.truncatedNormal("embeddings.position", config.maxPositionEmbeddings(),
                config.hiddenSize());
        this.norm = new LayerNorm("embeddings.layer_norm", config.hiddenSize(), params, arena);
        this.dropout = new Dropout("embeddings.dropout", config.hiddenDropoutProb(), dropoutSite, arena);
        this.arena = arena;
    }

    /** The item table, for the tied output layer. */
    public Parameter itemTable() {
        return items;
    }

    /** The packed tokens of the pass → [T, H]. */
    public INDArray forward(Pass pass) {
        this.pass = pass;
        SequenceLayout layout = pass.layout();
        long hidden = items.value().size(1);
        INDArray x = arena.take("embeddings.sum", layout.tokens(), hidden);                       // [T, H]
        Nd4j.pullRows(items.value(), x, 1, layout.tokenIds());
        INDArray pos = arena.take("embeddings.position_rows", layout.tokens(), hidden);           // [T, H]
        Nd4j.pullRows(positions.value(), pos, 1, layout.tokenPositions());
        INDArray y = norm.forward(x.addi(pos));
        dropout.forward(y, pass, 0);
        return y;
    }

    /** Accumulates the table and LayerNorm gradients for dy [T, H] (modified in place). */
    public void backward(INDArray dy) {
        dropout.backward(dy, pass, 0);
        INDArray dx = norm.backward(dy);
        HostLoops.scatterAddRows(items.grad(), pass.layout().tokenIds(), dx);
        HostLoops.scatterAddRows(positions.grad(), pass.layout().tokenPositions(), dx);
    }
}
