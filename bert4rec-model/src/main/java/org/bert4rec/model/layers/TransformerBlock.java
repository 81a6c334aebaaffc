package org.bert4rec.model.layers;

import org.bert4rec.model.Bert4RecConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One post-LN transformer layer as in BERT's {@code transformer_model}:
 * {@code h = LN(x + dropout(attention(x)))}, {@code y = LN(h + dropout(feedForward(h)))}.
 * Parameters under {@code encoder.<i>.attention}, {@code .attention_layer_norm}, {@code .feed_forward},
 * {@code .output_layer_norm}.
 */
public final class TransformerBlock {
    private final MultiHeadSelfAttention attention;
    private final Dropout attentionDropout;
    private final LayerNorm attentionNorm;
    private final FeedForward feedForward;
    private final Dropout feedForwardDropout;
    private final LayerNorm outputNorm;
    private final BufferArena arena;
    private final String name;
    private Pass pass;
    private QueryRows queries;

    /** Uses dropout sites {@code firstSite .. firstSite + 2}. */
    public TransformerBlock(String name, Bert4RecConfig config, int firstSite, ParameterStore params,
            BufferArena arena) {
        this.name = name;
        this.attention = new MultiHeadSelfAttention(name + ".attention", config.hiddenSize(),
                config.numAttentionHeads(), config.attentionProbsDropoutProb(), firstSite, params, arena);
        this.attentionDropout = new Dropout(name + ".attention_dropout", config.hiddenDropoutProb(), firstSite + 1,
                arena);
        this.attentionNorm = new LayerNorm(name + ".attention_layer_norm", "attention_layer_norm.dx",
                config.hiddenSize(), params, arena);
        this.feedForward = new FeedForward(name + ".feed_forward", config.hiddenSize(), config.intermediateSize(),
                config.activation(), params, arena);
        this.feedForwardDropout = new Dropout(name + ".output_dropout", config.hiddenDropoutProb(), firstSite + 2,
                arena);
        this.outputNorm = new LayerNorm(name + ".output_layer_norm", "output_layer_norm.dx", config.hiddenSize(),
                params, arena);
        this.arena = arena;
    }

    /** Dropout sites one block uses. */
    public static int dropoutSites() {
        return 3;
    }

    /**
     * x [T, H] → the outputs at {@code queries} [Q, H] (all tokens, or the rows the layer above needs; see {@link
     * QueryRows}).
     */
    public INDArray forward(INDArray x, Pass pass, QueryRows queries) {
        this.pass = pass;
        this.queries = queries;
        INDArray xq = x;
        if (!queries.isAll()) {
            xq = arena.take(name + ".query_input", queries.count(), x.size(1));   // [Q, H]
            Nd4j.pullRows(x, xq, 1, queries.tokenRows());
        }
        INDArray a = attention.forward(x, xq, pass, queries);    // [Q, H]
        attentionDropout.forward(a, pass, 0);
        INDArray h = attentionNorm.forward(a.addi(xq));
        INDArray f = feedForward.forward(h);                     // [Q, H]
        feedForwardDropout.forward(f, pass, 0);
        return outputNorm.forward(f.addi(h));
    }

    /**
     * Accumulates gradients for dy [Q, H]; returns dx [T, H]. Gradient buffers are shared by all blocks (a block's
     * backward pass has consumed dy before it writes any of them), so their memory does not grow with depth.
     */
    public INDArray backward(INDArray dy) {
        INDArray dResidual2 = outputNorm.backward(dy);           // d(h + f)
        INDArray dF = arena.take("block.d_feed_forward", dy.size(0), dy.size(1)).assign(dResidual2);
        feedForwardDropout.backward(dF, pass, 0);
        INDArray dH = feedForward.backward(dF).addi(dResidual2);
        INDArray dResidual1 = attentionNorm.backward(dH);        // d(xq + a)
        INDArray dA = arena.take("block.d_attention", dy.size(0), dy.size(1)).assign(dResidual1);
        attentionDropout.backward(dA, pass, 0);
        INDArray dx = attention.backward(dA);                    // [T, H]
        if (queries.isAll()) {
            return dx.addi(dResidual1);
        }
        INDArray dxq = attention.queryGradient().addi(dResidual1);   // [Q, H]
        HostLoops.scatterAddRows(dx, queries.tokenRows(), dxq);
        return dx;
    }
}
