package org.bert4rec.model.layers;

import org.bert4rec.model.Bert4RecConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    private Pass pass;

    /** Uses dropout sites {@code firstSite .. firstSite + 2}. */
    public TransformerBlock(String name, Bert4RecConfig config, int firstSite, ParameterStore params,
            BufferArena arena) {
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

    /** x [T, H] → [T, H]. */
    public INDArray forward(INDArray x, Pass pass) {
        this.pass = pass;
        INDArray a = attention.forward(x, pass);                 // [T, H]
        attentionDropout.forward(a, pass, 0);
        INDArray h = attentionNorm.forward(a.addi(x));
        INDArray f = feedForward.forward(h);                     // [T, H]
        feedForwardDropout.forward(f, pass, 0);
        return outputNorm.forward(f.addi(h));
    }

    /**
     * Accumulates gradients for dy [T, H]; returns dx [T, H]. Gradient buffers are shared by all blocks (a block's
     * backward pass has consumed dy before it writes any of them), so their memory does not grow with depth.
     */
    public INDArray backward(INDArray dy) {
        INDArray dResidual2 = outputNorm.backward(dy);           // d(h + f)
        INDArray dF = arena.take("block.d_feed_forward", dy.size(0), dy.size(1)).assign(dResidual2);
        feedForwardDropout.backward(dF, pass, 0);
        INDArray dH = feedForward.backward(dF).addi(dResidual2);
        INDArray dResidual1 = attentionNorm.backward(dH);        // d(x + a)
        INDArray dA = arena.take("block.d_attention", dy.size(0), dy.size(1)).assign(dResidual1);
        attentionDropout.backward(dA, pass, 0);
        return attention.backward(dA).addi(dResidual1);
    }
}
