package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bidirectional multi-head self-attention as BERT's {@code attention_layer} followed by its output projection:
 * softmax(Q·Kᵀ/√d + key bias) with dropout on the probabilities, times V, heads concatenated, then a dense layer.
 * Parameters: {@code name.query|key|value|output.kernel|bias}.
 *
 * <p>Attention runs chunk by chunk of the packed layout ({@link SequenceLayout}): each chunk is a batch of
 * {@code n} sequences of one padded length {@code L}, so scores are {@code [n·heads, L, L]} batched products. The
 * 1/√d scale is folded into Q before the product (cheaper than scaling the scores).
 */
public final class MultiHeadSelfAttention {
    private final String name;
    private final int heads;
    private final int headSize;
    private final double scale;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense output;
    private final Dropout probsDropout;
    private final BufferArena arena;
    private Pass pass;

    public MultiHeadSelfAttention(String name, int hidden, int heads, double probsDropoutRate, int dropoutSite,
            ParameterStore params, BufferArena arena) {
        this.name = name;
        this.heads = heads;
        this.headSize = hidden / heads;
        this.scale = 1.0 / Math.sqrt(headSize);
        // Q, K and V are copied into per-head buffers at once; backward needs only those copies.
        this.query = new Dense(name + ".query", hidden, hidden, "attention.query.out", params, arena);
        this.key = new Dense(name + ".key", hidden, hidden, "attention.key.out", params, arena);
        this.value = new Dense(name + ".value", hidden, hidden, "attention.value.out", params, arena);
        this.output = new Dense(name + ".output", hidden, hidden, params, arena);
        this.probsDropout = new Dropout(name + ".probs_dropout", probsDropoutRate, dropoutSite, arena);
        this.arena = arena;
    }

    /** x [T, H] → attention output after the output projection [T, H]. */
    public INDArray forward(INDArray x, Pass pass) {
        this.pass = pass;
        SequenceLayout layout = pass.layout();
        INDArray q = query.forward(x);                                   // [T, H]
        INDArray k = key.forward(x);
        INDArray v = value.forward(x);
        INDArray context = arena.take(name + ".context", x.size(0), x.size(1));   // [T, H]
        for (int c = 0; c < layout.chunks(); c++) {
            int n = layout.chunkSequences(c);
            int len = layout.chunkLength(c);
            INDArray qh = splitHeads(q, layout, c, heads(".q", layout, c)).muli(scale);   // [n·heads, L, d]
            INDArray kh = splitHeads(k, layout, c, heads(".k", layout, c));
            INDArray vh = splitHeads(v, layout, c, heads(".v", layout, c));
            INDArray probs = cells(".probs", layout, c);                            // [n·heads, L, L]
            Nd4j.matmul(qh, kh, probs, false, true, false);
            INDArray keyBias = Nd4j.createFromArray(layout.chunkKeyBias(c)).castTo(probs.dataType())
                    .reshape(n, 1, 1, len);                                    // [n, 1, 1, L]
            INDArray scores4 = probs.reshape(n, heads, len, len);              // [n, heads, L, L]
            Nd4j.exec(new AddOp(new INDArray[] {scores4, keyBias}, new INDArray[] {scores4}));
            Nd4j.exec(new SoftMax(probs, probs, -1));
            INDArray dropped = probs;
            if (probsDropout.active(pass)) {
                dropped = cells(".dropped", layout, c).assign(probs);
                probsDropout.forwardOnce(dropped, pass, c);
            }
            INDArray contextHeads = arena.take("attention.context_heads", (long) n * heads, len, headSize);
            Nd4j.matmul(dropped, vh, contextHeads, false, false, false);
            mergeHeads(contextHeads, context, layout, c);
        }
        return output.forward(context);
    }

    /** Accumulates all gradients of this layer for output gradient dy [T, H]; returns dx [T, H]. */
    public INDArray backward(INDArray dy) {
        SequenceLayout layout = pass.layout();
        long rows = dy.size(0);
        long hidden = dy.size(1);
        // Gradient buffers live only during this call (dx until the layer below has read it): shared by all layers.
        INDArray dContext = arena.take("attention.d_context", rows, hidden);
        output.backward(dy, dContext, false);
        INDArray dq = arena.take("attention.d_query", rows, hidden);
        INDArray dk = arena.take("attention.d_key", rows, hidden);
        INDArray dv = arena.take("attention.d_value", rows, hidden);
        for (int c = 0; c < layout.chunks(); c++) {
            int n = layout.chunkSequences(c);
            int len = layout.chunkLength(c);
            long batch = (long) n * heads;
            INDArray qh = heads(".q", layout, c);                                // scaled Q [n·heads, L, d]
            INDArray kh = heads(".k", layout, c);
            INDArray vh = heads(".v", layout, c);
            INDArray probs = cells(".probs", layout, c);                         // [n·heads, L, L]
            INDArray dropped = probsDropout.active(pass) ? cells(".dropped", layout, c) : probs;   // D̃ = P ⊙ mask
            INDArray dContextHeads = splitHeads(dContext, layout, c,
                    arena.take("attention.d_context_heads", batch, len, headSize));
            INDArray dHeads = arena.take("attention.d_heads", batch, len, headSize);
            Nd4j.matmul(dropped, dContextHeads, dHeads, true, false, false);        // dV = D̃ᵀ · dC
            mergeHeads(dHeads, dv, layout, c);
            INDArray dProbs = arena.take("attention.d_probs", batch, len, len);
            Nd4j.matmul(dContextHeads, vh, dProbs, false, true, false);             // dD̃ = dC · Vᵀ
            // Through dropout D̃ = P ⊙ m and softmax: dS = P ⊙ (dP − Σ_j dP ⊙ P) with dP = dD̃ ⊙ m, and
            // P ⊙ dP = dD̃ ⊙ D̃, so dS = dD̃ ⊙ D̃ − P ⊙ Σ_j (dD̃ ⊙ D̃): the mask itself is never needed.
            dProbs.muli(dropped);
            INDArray rowDots = arena.take("attention.row_dots", batch, len, 1);
            dProbs.sum(rowDots.reshape(batch, len), 2);
            INDArray scaledProbs = arena.take("attention.scratch", batch, len, len);
            Nd4j.exec(new MulOp(new INDArray[] {probs, rowDots}, new INDArray[] {scaledProbs}));
            dProbs.subi(scaledProbs);
            Nd4j.matmul(dProbs, kh, dHeads, false, false, false);                   // d(scaled Q) = dS · K
            dHeads.muli(scale);
            mergeHeads(dHeads, dq, layout, c);
            Nd4j.matmul(dProbs, qh, dHeads, true, false, false);                    // dK = dSᵀ · scaled Q
            mergeHeads(dHeads, dk, layout, c);
        }
        INDArray dx = arena.take("attention.dx", rows, hidden);
        query.backward(dq, dx, false);
        key.backward(dk, dx, true);
        value.backward(dv, dx, true);
        return dx;
    }

    /** Chunk c's region of this layer's per-head buffer {@code part} (all chunks together hold [T, H]). */
    private INDArray heads(String part, SequenceLayout layout, int c) {
        long hidden = (long) heads * headSize;
        return arena.region(name + part, layout.tokens() * hidden, layout.chunkRowOffset(c) * hidden,
                (long) layout.chunkSequences(c) * heads, layout.chunkLength(c), headSize);   // [n·heads, L, d]
    }

    /** Chunk c's region of this layer's score-sized buffer {@code part}: [n·heads, L, L]. */
    private INDArray cells(String part, SequenceLayout layout, int c) {
        int len = layout.chunkLength(c);
        return arena.region(name + part, layout.attentionCells() * heads, layout.chunkCellOffset(c) * heads,
                (long) layout.chunkSequences(c) * heads, len, len);
    }

    /** Rows of chunk c of x [T, H] as heads, copied into {@code heads4} [n·heads, L, d], which is returned. */
    private INDArray splitHeads(INDArray x, SequenceLayout layout, int c, INDArray heads4) {
        int n = layout.chunkSequences(c);
        int len = layout.chunkLength(c);
        INDArray rows = chunkRows(x, layout, c).reshape(n, len, heads, headSize);   // [n, L, heads, d]
        heads4.reshape(n, heads, len, headSize).assign(rows.permute(0, 2, 1, 3));   // [n, heads, L, d]
        return heads4;
    }

    /** Writes heads [n·heads, L, d] of chunk c back into the rows of target [T, H]. */
    private void mergeHeads(INDArray headsArray, INDArray target, SequenceLayout layout, int c) {
        int n = layout.chunkSequences(c);
        int len = layout.chunkLength(c);
        INDArray rows = chunkRows(target, layout, c).reshape(n, len, heads, headSize);   // [n, L, heads, d]
        rows.assign(headsArray.reshape(n, heads, len, headSize).permute(0, 2, 1, 3));
    }

    private static INDArray chunkRows(INDArray x, SequenceLayout layout, int c) {
        long start = layout.chunkRowOffset(c);
        long end = start + (long) layout.chunkSequences(c) * layout.chunkLength(c);
        INDArrayIndex[] index = {NDArrayIndex.interval(start, end), NDArrayIndex.all()};
        return x.get(index);                                                   // [n·L, H]
    }
}
