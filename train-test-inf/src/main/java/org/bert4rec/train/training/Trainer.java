package org.bert4rec.train.training;

import java.util.List;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.ModelBatch;
import org.bert4rec.model.StepResult;

/**
 * The training loop: take a batch, take a step, tell the listeners. Everything else (checkpoints, curves, progress,
 * the time limit, tracking) is a {@link TrainingListener}.
 */
public final class Trainer {
    private final BatchSource batches;
    private final List<TrainingListener> listeners;

    public Trainer(BatchSource batches, List<TrainingListener> listeners) {
        this.batches = batches;
        this.listeners = List.copyOf(listeners);
    }

    /** Trains until the model reaches {@code state.numTrainSteps()} or a listener stops it. */
    public void train(TrainingState state) {
        Bert4RecModel model = state.model();
        listeners.forEach(l -> l.onStart(state));
        StepEvent last = null;
        while (model.step() < state.numTrainSteps()) {
            long t0 = System.nanoTime();
            ModelBatch batch = batches.next();
            StepResult r = model.trainStep(batch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            state.advance(batch.batchSize(), seconds);
            last = new StepEvent(model.step(), r.loss(), r.accuracy(), r.learningRate(), r.gradNorm(),
                    batch.batchSize(), seconds, state.trainingSeconds());
            for (TrainingListener l : listeners) {
                l.onStep(state, last);
            }
            if (shouldStop(state, last)) {
                state.markStoppedEarly();
                break;
            }
        }
        for (TrainingListener l : listeners) {
            l.onEnd(state, last);
        }
    }

    private boolean shouldStop(TrainingState state, StepEvent event) {
        boolean stop = false;
        for (TrainingListener l : listeners) {
            stop |= l.shouldStop(state, event);
        }
        return stop;
    }
}
