package org.bert4rec.train.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made scorer for tests: the item after the last real item before the scored position ("successor") scores
 * highest, then scores fall with the id; the hidden vector holds (last item, position, number of real tokens, ...).
 * Scores depend only on real tokens, so cutting trailing padding must not change them; every call's shape is
 * recorded.
 */
public class SuccessorScorer implements SequenceScorer {
    private final int vocabSize;
    private final int hiddenSize;
    private final int maxSeqLength;
    private final int numItems;
    final List<int[]> calls = new ArrayList<>(); // {batchSize, seqLen}

    /** Real items are 1..numItems; vocab = numItems + 4 as in FreqVocab. */
    public SuccessorScorer(int numItems, int hiddenSize, int maxSeqLength) {
        this.numItems = numItems;
        this.vocabSize = numItems + 4;
        this.hiddenSize = hiddenSize;
        this.maxSeqLength = maxSeqLength;
    }

    @Override
    public ScoredBatch score(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] positions) {
        calls.add(new int[] {batchSize, seqLen});
        float[] logits = new float[batchSize * vocabSize];
        float[] hidden = new float[batchSize * hiddenSize];
        for (int r = 0; r < batchSize; r++) {
            int last = 0;
            int real = 0;
            for (int i = 0; i < seqLen; i++) {
                if (inputMask[r * seqLen + i] == 1) {
                    real++;
                    if (i < positions[r]) {
                        last = inputIds[r * seqLen + i];
                    }
                }
            }
            int successor = last % numItems + 1;
            for (int v = 0; v < vocabSize; v++) {
                logits[r * vocabSize + v] = (v == successor ? 10f : 0f) - 0.001f * v;
            }
            hidden[r * hiddenSize] = last;
            hidden[r * hiddenSize + 1] = positions[r];
            hidden[r * hiddenSize + 2] = real;
        }
        return new ScoredBatch(batchSize, vocabSize, logits, hiddenSize, hidden);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** A right-padded row of {@code items} followed by the mask token, scored at the mask, with a target. */
    public ScoringRow row(long user, int[] items, int target) {
        int[] ids = new int[maxSeqLength];
        int[] mask = new int[maxSeqLength];
        for (int i = 0; i < items.length; i++) {
            ids[i] = items[i];
            mask[i] = 1;
        }
        ids[items.length] = numItems + 2; // [MASK] in the FreqVocab layout
        mask[items.length] = 1;
        return new ScoringRow(user, ids, mask, items.length, target);
    }
}
