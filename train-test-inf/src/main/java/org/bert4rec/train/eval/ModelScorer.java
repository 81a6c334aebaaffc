package org.bert4rec.train.eval;

import java.util.ArrayList;
import java.util.List;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.ScoreOutput;

/** A trained {@link Bert4RecModel} as a {@link SequenceScorer}. */
public final class ModelScorer implements SequenceScorer {
    /**
     * Loads a checkpoint folder written by {@code train_val}, once per {@link Bert4RecModel#replicaThreads()}: every
     * replica reads the same weights, so every batch gets the same scores whichever replica scores it.
     */
    public static final ScorerLoader LOADER = dir -> {
        int n = Bert4RecModel.replicaThreads();
        List<SequenceScorer> replicas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            replicas.add(new ModelScorer(Bert4RecModel.load(dir)));
        }
        ModelScorer first = (ModelScorer) replicas.get(0);
        first.replicas = List.copyOf(replicas);
        return new ScorerLoader.Loaded(first, first.model.step());
    };

    private final Bert4RecModel model;
    private List<SequenceScorer> replicas = List.of(this);

    public ModelScorer(Bert4RecModel model) {
        this.model = model;
    }

    @Override
    public List<SequenceScorer> replicas() {
        return replicas;
    }

    @Override
    public ScoredBatch score(int batchSize, int seqLen, int[] inputIds, int[] inputMask, int[] positions) {
        ScoreOutput out = model.score(batchSize, seqLen, inputIds, inputMask, positions);
        return new ScoredBatch(out.batchSize(), out.vocabSize(), out.logits(), out.hiddenSize(), out.userEmbeddings());
    }

    @Override
    public int vocabSize() {
        return model.config().vocabSize();
    }

    @Override
    public int hiddenSize() {
        return model.config().hiddenSize();
    }

    @Override
    public int maxSeqLength() {
        return model.config().maxPositionEmbeddings();
    }
}
