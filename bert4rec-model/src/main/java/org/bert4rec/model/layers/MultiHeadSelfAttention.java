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
 * {@code n} sequences of one padded length {@code L} of keys and {@code Lq} queries ({@link QueryRows}: all L, or
 * only the rows the last layer must output), so scores are {@code [n·heads, Lq, L]} batched products. The 1/√d
 * scale is folded into Q before the product (cheaper than scaling the scores).
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
    private QueryRows queries;

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

    /**
     * Keys and values from every token x [T, H], queries from xq [Q, H] (the rows {@code queries} names of x; x
     * itself when every token is a query) → attention output after the output projection [Q, H].
     */
    public INDArray forward(INDArray x, INDArray xq, Pass pass, QueryRows queries) {
        this.pass = pass;
        this.queries = queries;
        SequenceLayout layout = pass.layout();
        INDArray q = query.forward(xq);                                  // [Q, H]
        INDArray k = key.forward(x);                                     // [T, H]
        INDArray v = value.forward(x);
        INDArray context = arena.take(name + ".context", xq.size(0), xq.size(1));   // [Q, H]
        for (int c = 0; c < layout.chunks(); c++) {
            int n = layout.chunkSequences(c);
            int len = layout.chunkLength(c);
            int lenQ = queries.chunkQueryLength(c);
            INDArray qh = splitHeads(q, queries.chunkQueryOffset(c), n, lenQ, queryHeads(c)).muli(scale);
            INDArray kh = splitHeads(k, layout.chunkRowOffset(c), n, len, keyHeads(".k", c));   // [n·heads, L, d]
            INDArray vh = splitHeads(v, layout.chunkRowOffset(c), n, len, keyHeads(".v", c));
            INDArray probs = cells(".probs", c);                                 // [n·heads, Lq, L]
            Nd4j.matmul(qh, kh, probs, false, true, false);
            if (layout.chunkPadded(c)) {                                       // else the bias is all 0
                INDArray keyBias = arena.take("attention.key_bias", n, 1, 1, len);   // [n, 1, 1, L]
                HostLoops.copyInto(keyBias, layout.chunkKeyBias(c));
                INDArray scores4 = probs.reshape(n, heads, lenQ, len);         // [n, heads, Lq, L]
                Nd4j.exec(new AddOp(new INDArray[] {scores4, keyBias}, new INDArray[] {scores4}));
            }
            INDArray rows2 = probs.reshape((long) n * heads * lenQ, len);      // ND4J's 2-d softmax is faster
            Nd4j.exec(new SoftMax(rows2, rows2, -1));
            INDArray dropped = probs;
            if (probsDropout.active(pass)) {
                dropped = cells(".dropped", c).assign(probs);
                probsDropout.forwardOnce(dropped, pass, c);
            }
            INDArray contextHeads = arena.take("attention.context_heads", (long) n * heads, lenQ, headSize);
            Nd4j.matmul(dropped, vh, contextHeads, false, false, false);
            mergeHeads(contextHeads, context, queries.chunkQueryOffset(c), n, lenQ);
        }
        return output.forward(context);
    }

    /**
     * Accumulates all gradients of this layer for output gradient dy [Q, H]; returns the gradient of x [T, H]. When
     * every token is a query that includes the query path; otherwise the gradient of xq is {@link
     * #queryGradient()}.
     */
    public INDArray backward(INDArray dy) {
        SequenceLayout layout = pass.layout();
        long rows = layout.tokens();
        long queryRows = dy.size(0);
        long hidden = dy.size(1);
        // Gradient buffers live only during this call (dx until the layer below has read it): shared by all layers.
        INDArray dContext = arena.take("attention.d_context", queryRows, hidden);
        output.backward(dy, dContext, false);
        INDArray dq = arena.take("attention.d_query", queryRows, hidden);
        INDArray dk = arena.take("attention.d_key", rows, hidden);
        INDArray dv = arena.take("attention.d_value", rows, hidden);
        for (int c = 0; c < layout.chunks(); c++) {
            int n = layout.chunkSequences(c);
            int len = layout.chunkLength(c);
            int lenQ = queries.chunkQueryLength(c);
            long batch = (long) n * heads;
            INDArray qh = queryHeads(c);                                     // scaled Q [n·heads, Lq, d]
            INDArray kh = keyHeads(".k", c);                                 // [n·heads, L, d]
            INDArray vh = keyHeads(".v", c);
            INDArray probs = cells(".probs", c);                             // [n·heads, Lq, L]
            INDArray dropped = probsDropout.active(pass) ? cells(".dropped", c) : probs;   // D̃ = P ⊙ mask
            INDArray dContextHeads = splitHeads(dContext, queries.chunkQueryOffset(c), n, lenQ,
                    arena.take("attention.d_context_heads", batch, lenQ, headSize));
            INDArray dKeyHeads = arena.take("attention.d_heads", batch, len, headSize);
            Nd4j.matmul(dropped, dContextHeads, dKeyHeads, true, false, false);     // dV = D̃ᵀ · dC
            mergeHeads(dKeyHeads, dv, layout.chunkRowOffset(c), n, len);
            INDArray dProbs = arena.take("attention.d_probs", batch, lenQ, len);
            Nd4j.matmul(dContextHeads, vh, dProbs, false, true, false);             // dD̃ = dC · Vᵀ
            // Through dropout D̃ = P ⊙ m and softmax: dS = P ⊙ (dP − Σ_j dP ⊙ P) with dP = dD̃ ⊙ m, and
            // P ⊙ dP = dD̃ ⊙ D̃, so dS = dD̃ ⊙ D̃ − P ⊙ Σ_j (dD̃ ⊙ D̃): the mask itself is never needed.
            dProbs.muli(dropped);
            INDArray rowDots = arena.take("attention.row_dots", batch, lenQ, 1);
            dProbs.sum(rowDots.reshape(batch, lenQ), 2);
            INDArray scaledProbs = arena.take("attention.scratch", batch, lenQ, len);
            Nd4j.exec(new MulOp(new INDArray[] {probs, rowDots}, new INDArray[] {scaledProbs}));
            dProbs.subi(scaledProbs);
            INDArray dQueryHeads = arena.take("attention.d_query_heads", batch, lenQ, headSize);
            Nd4j.matmul(dProbs, kh, dQueryHeads, false, false, false);              // d(scaled Q) = dS · K
            dQueryHeads.muli(scale);
            mergeHeads(dQueryHeads, dq, queries.chunkQueryOffset(c), n, lenQ);
            Nd4j.matmul(dProbs, qh, dKeyHeads, true, false, false);                 // dK = dSᵀ · scaled Q
            mergeHeads(dKeyHeads, dk, layout.chunkRowOffset(c), n, len);
        }
        INDArray dx = arena.take("attention.dx", rows, hidden);
        key.backward(dk, dx, false);
        value.backward(dv, dx, true);
        if (queries.isAll()) {
            query.backward(dq, dx, true);
        } else {
            query.backward(dq, arena.take("attention.dxq", queryRows, hidden), false);
        }
        return dx;
    }

    /** The gradient of the queries' input xq [Q, H] after {@link #backward}, when not every token is a query. */
    public INDArray queryGradient() {
        if (queries.isAll()) {
            throw new IllegalStateException("every token is a query: backward returned the whole gradient");
        }
        return arena.take("attention.dxq", queries.count(), query.inputWidth());
    }

    /** Chunk c's region of this layer's scaled per-head queries (all chunks together hold [Q, H]). */
    private INDArray queryHeads(int c) {
        long hidden = (long) heads * headSize;
        return arena.region(name + ".q", queries.count() * hidden, queries.chunkQueryOffset(c) * hidden,
                (long) pass.layout().chunkSequences(c) * heads, queries.chunkQueryLength(c), headSize);
    }

    /** Chunk c's region of this layer's per-head buffer {@code part} (all chunks together hold [T, H]). */
    private INDArray keyHeads(String part, int c) {
        SequenceLayout layout = pass.layout();
        long hidden = (long) heads * headSize;
        return arena.region(name + part, layout.tokens() * hidden, layout.chunkRowOffset(c) * hidden,
                (long) layout.chunkSequences(c) * heads, layout.chunkLength(c), headSize);   // [n·heads, L, d]
    }

    /** Chunk c's region of this layer's score-sized buffer {@code part}: [n·heads, Lq, L]. */
    private INDArray cells(String part, int c) {
        return arena.region(name + part, queries.attentionCells() * heads, queries.chunkCellOffset(c) * heads,
                (long) pass.layout().chunkSequences(c) * heads, queries.chunkQueryLength(c),
                pass.layout().chunkLength(c));
    }

    /**
     * Rows [offset, offset + n·len) of x [rows, H] (n sequences of len rows) as heads, copied into {@code heads4}
     * [n·heads, len, d], which is returned.
     */
    private INDArray splitHeads(INDArray x, long offset, int n, int len, INDArray heads4) {
        INDArray rows = rowRange(x, offset, (long) n * len).reshape(n, len, heads, headSize);   // [n, len, heads, d]
        heads4.reshape(n, heads, len, headSize).assign(rows.permute(0, 2, 1, 3));            // [n, heads, len, d]
        return heads4;
    }

    /** Writes heads [n·heads, len, d] back into rows [offset, offset + n·len) of target [rows, H]. */
    private void mergeHeads(INDArray headsArray, INDArray target, long offset, int n, int len) {
        INDArray rows = rowRange(target, offset, (long) n * len).reshape(n, len, heads, headSize);
        rows.assign(headsArray.reshape(n, heads, len, headSize).permute(0, 2, 1, 3));
    }

    private static INDArray rowRange(INDArray x, long start, long count) {
        INDArrayIndex[] index = {NDArrayIndex.interval(start, start + count), NDArrayIndex.all()};
        return x.get(index);                                                   // [count, H]
    }
}
