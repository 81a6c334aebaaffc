package org.bert4rec.train.training;

import java.nio.file.Path;
import org.bert4rec.utils.tensorboard.EventFileWriter;

/**
 * Training curves for TensorBoard in the model folder, where the seed's estimator wrote them: loss, masked-LM
 * accuracy, learning rate, sequences/s and the global gradient norm every {@code every} steps. A resumed run
 * starts a new event file; TensorBoard joins them by step.
 */
public final class TensorBoardListener implements TrainingListener {
    private final Path logDir;
    private final int every;
    private EventFileWriter writer;

    public TensorBoardListener(Path logDir, int every) {
        this.logDir = logDir;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStart(TrainingState state) {
        writer = EventFileWriter.create(logDir);
    }

    @Override
    public void onStep(TrainingState state, StepEvent e) {
        if (e.step() % every != 0) {
            return;
        }
        writer.scalars(e.curves(), e.step());
    }

    @Override
    public void onEnd(TrainingState state, StepEvent lastEvent) {
        if (writer != null) {
            writer.close();
        }
    }
}
