package org.bert4rec.train.eval;

import java.nio.file.Path;

/**
 * Loads a checkpoint as a {@link SequenceScorer}. The stages take one so that their file handling and checks are
 * tested with a hand-made scorer; {@link ModelScorer#LOADER} loads the real model.
 */
@FunctionalInterface
public interface ScorerLoader {

    /** A loaded model and the training step it was saved at. */
    record Loaded(SequenceScorer scorer, long step) {
    }

    Loaded load(Path checkpointDir);
}
