package org.bert4rec.train.predict;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.bert4rec.train.eval.ItemVocabulary;
import org.bert4rec.train.eval.ScoredRow;
import org.bert4rec.train.eval.ScoringLoop;
import org.bert4rec.train.eval.ScoringRow;
import org.bert4rec.train.eval.SequenceScorer;
import org.bert4rec.train.inference.TopItems;

/**
 * Predicts next items for item chains: maps original ids through the vocabulary, builds the same right-padded,
 * [MASK]-terminated sequence an inference record holds, scores it in batches and keeps the top K.
 */
public final class ChainPredictor {

    /** Receives predictions in input order. */
    @FunctionalInterface
    public interface PredictionSink {
        void accept(Prediction prediction) throws IOException;
    }

    private final SequenceScorer scorer;
    private final ItemVocabulary vocab;
    private final int topK;
    private final boolean excludeSeen;
    private final boolean withEmbedding;
    private final int batchSize;

    public ChainPredictor(SequenceScorer scorer, ItemVocabulary vocab, int topK, boolean excludeSeen,
                          boolean withEmbedding, int batchSize) {
        if (vocab.vocabSize() != scorer.vocabSize()) {
            throw new IllegalArgumentException("vocabulary of vocab_size " + vocab.vocabSize() + " does not fit a "
                    + "model of vocab_size " + scorer.vocabSize());
        }
        this.scorer = scorer;
        this.vocab = vocab;
        this.topK = topK;
        this.excludeSeen = excludeSeen;
        this.withEmbedding = withEmbedding;
        this.batchSize = batchSize;
    }

    /** Predicts for every chain; returns how many chains there were. */
    public long run(Iterator<ItemChain> chains, PredictionSink sink) throws IOException {
        Deque<ItemChain> inOrder = new ArrayDeque<>();
        Deque<List<String>> unknown = new ArrayDeque<>();
        TopItems top = new TopItems(1, vocab.numItems(), topK, excludeSeen);
        int[] ids = new int[top.capacity()];
        float[] scores = new float[top.capacity()];
        Iterator<ScoringRow> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chains.hasNext();
            }

            @Override
            public ScoringRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ItemChain chain = chains.next();
                List<String> dropped = new ArrayList<>();
                ScoringRow row = toRow(chain, dropped);
                inOrder.add(chain);
                unknown.add(dropped);
                return row;
            }
        };
        return new ScoringLoop(scorer, batchSize).run(rows, scored -> {
            // rows arrive in input order, each once: the oldest pending chain is this row's
            ItemChain chain = inOrder.removeFirst();
            List<String> dropped = unknown.removeFirst();
            sink.accept(predict(chain, dropped, scored, top, ids, scores));
        });
    }

    private Prediction predict(ItemChain chain, List<String> dropped, ScoredRow scored, TopItems top, int[] ids,
                               float[] scores) {
        float[] embedding = withEmbedding ? scored.hiddenVector() : null;
        boolean empty = scored.row().position() == 0;
        List<String> items = new ArrayList<>();
        float[] outScores;
        if (empty) {
            int n = Math.min(topK, vocab.numItems());
            outScores = new float[n];
            for (int id = 1; id <= n; id++) {
                items.add(vocab.itemOf(id));
                outScores[id - 1] = Float.NaN;
            }
        } else {
            int n = top.select(scored.logits(), scored.logitsOffset(), scored.row().seenItems(), ids, scores);
            outScores = java.util.Arrays.copyOf(scores, n);
            for (int i = 0; i < n; i++) {
                items.add(vocab.itemOf(ids[i]));
            }
        }
        return new Prediction(chain.id(), items, outScores, empty, dropped, embedding);
    }

    /**
     * The known items' ids, the last max_seq_length - 1 of them, then [MASK]; right-padded. The older known items
     * are the row's history, so that {@code --exclude_seen} leaves out the whole chain.
     */
    ScoringRow toRow(ItemChain chain, List<String> dropped) {
        int maxLen = scorer.maxSeqLength();
        List<Integer> known = new ArrayList<>();
        for (String item : chain.items()) {
            int id = vocab.idOf(item);
            if (id >= 1 && id <= vocab.numItems()) {
                known.add(id);
            } else {
                dropped.add(item);
            }
        }
        int keep = Math.min(known.size(), maxLen - 1);
        int[] inputIds = new int[maxLen];
        int[] mask = new int[maxLen];
        for (int i = 0; i < keep; i++) {
            inputIds[i] = known.get(known.size() - keep + i);
            mask[i] = 1;
        }
        inputIds[keep] = vocab.maskId();
        mask[keep] = 1;
        int[] history = new int[known.size() - keep];
        for (int i = 0; i < history.length; i++) {
            history[i] = known.get(i);
        }
        return new ScoringRow(0, inputIds, mask, keep, ScoringRow.NO_TARGET, history);
    }
}
