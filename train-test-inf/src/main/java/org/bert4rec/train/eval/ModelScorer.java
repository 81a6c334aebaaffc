package org.bert4rec.train.eval;

import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.ScoreOutput;

/** A trained {@link Bert4RecModel} as a {@link SequenceScorer}. */
public final class ModelScorer implements SequenceScorer {
    /** Loads a checkpoint folder written by {@code train_val}. */
    public static final ScorerLoader LOADER = dir -> {
        Bert4RecModel model = Bert4RecModel.load(dir);
        return new ScorerLoader.Loaded(new ModelScorer(model), model.step());
    };

    private final Bert4RecModel model;

    public ModelScorer(Bert4RecModel model) {
        this.model = model;
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
