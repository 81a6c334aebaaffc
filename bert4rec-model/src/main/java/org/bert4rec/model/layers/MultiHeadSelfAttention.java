package org.bert4rec.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
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
        this.query = new Dense(name + ".query", hidden, hidden, params, arena);
        this.key = new Dense(name + ".key", hidden, hidden, params, arena);
        this.value = new Dense(name + ".value", hidden, hidden, params, arena);
        this.output = new Dense(name + ".output", hidden, hidden, params, arena);
        this.probsDropout = new Dropout(probsDropoutRate, dropoutSite);
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
            INDArray qh = splitHeads(q, layout, c, name + ".q." + c).muli(scale);   // [n·heads, L, d]
            INDArray kh = splitHeads(k, layout, c, name + ".k." + c);
            INDArray vh = splitHeads(v, layout, c, name + ".v." + c);
            INDArray probs = arena.take(name + ".probs." + c, (long) n * heads, len, len);   // [n·heads, L, L]
            Nd4j.matmul(qh, kh, probs, false, true, false);
            INDArray keyBias = Nd4j.createFromArray(layout.chunkKeyBias(c)).castTo(probs.dataType())
                    .reshape(n, 1, 1, len);                                    // [n, 1, 1, L]
            INDArray scores4 = probs.reshape(n, heads, len, len);              // [n, heads, L, L]
            Nd4j.exec(new AddOp(new INDArray[] {scores4, keyBias}, new INDArray[] {scores4}));
            Nd4j.exec(new SoftMax(probs, probs, -1));
            INDArray dropped = probs;
            if (pass.training()) {
                dropped = arena.take("attention.dropped_probs", (long) n * heads, len, len).assign(probs);
                probsDropout.forward(dropped, pass, c);
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
        INDArray dContext = arena.take(name + ".d_context", rows, hidden);
        output.backward(dy, dContext, false);
        INDArray dq = arena.take(name + ".d_query", rows, hidden);
        INDArray dk = arena.take(name + ".d_key", rows, hidden);
        INDArray dv = arena.take(name + ".d_value", rows, hidden);
        for (int c = 0; c < layout.chunks(); c++) {
            int n = layout.chunkSequences(c);
            int len = layout.chunkLength(c);
            long batch = (long) n * heads;
            INDArray qh = arena.take(name + ".q." + c, batch, len, headSize);   // scaled Q
            INDArray kh = arena.take(name + ".k." + c, batch, len, headSize);
            INDArray vh = arena.take(name + ".v." + c, batch, len, headSize);
            INDArray probs = arena.take(name + ".probs." + c, batch, len, len);
            INDArray dropped = probs;
            if (pass.training()) {
                dropped = arena.take("attention.dropped_probs", batch, len, len).assign(probs);
                probsDropout.forward(dropped, pass, c);
            }
            INDArray dContextHeads = splitHeads(dContext, layout, c, "attention.d_context_heads");
            INDArray dHeads = arena.take("attention.d_heads", batch, len, headSize);
            Nd4j.matmul(dropped, dContextHeads, dHeads, true, false, false);        // dV = Pᵀ · dC
            mergeHeads(dHeads, dv, layout, c);
            INDArray dProbs = arena.take("attention.d_probs", batch, len, len);
            Nd4j.matmul(dContextHeads, vh, dProbs, false, true, false);             // dP = dC · Vᵀ
            probsDropout.backward(dProbs, pass, c);
            // softmax backward: dS = P ⊙ (dP − Σ_j dP ⊙ P)
            INDArray product = arena.take("attention.scratch", batch, len, len);
            dProbs.mul(probs, product);
            INDArray rowDots = arena.take("attention.row_dots", batch, len, 1);
            product.sum(rowDots.reshape(batch, len), 2);
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp(
                    new INDArray[] {dProbs, rowDots}, new INDArray[] {dProbs}));
            dProbs.muli(probs);
            Nd4j.matmul(dProbs, kh, dHeads, false, false, false);                   // d(scaled Q) = dS · K
            dHeads.muli(scale);
            mergeHeads(dHeads, dq, layout, c);
            Nd4j.matmul(dProbs, qh, dHeads, true, false, false);                    // dK = dSᵀ · scaled Q
            mergeHeads(dHeads, dk, layout, c);
        }
        INDArray dx = arena.take(name + ".dx", rows, hidden);
        query.backward(dq, dx, false);
        key.backward(dk, dx, true);
        value.backward(dv, dx, true);
        return dx;
    }

    /** Rows of chunk c of x [T, H] as heads [n·heads, L, d], copied into the buffer {@code bufferKey}. */
    private INDArray splitHeads(INDArray x, SequenceLayout layout, int c, String bufferKey) {
        int n = layout.chunkSequences(c);
        int len = layout.chunkLength(c);
        INDArray heads4 = arena.take(bufferKey, (long) n * heads, len, headSize);   // [n·heads, L, d]
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
