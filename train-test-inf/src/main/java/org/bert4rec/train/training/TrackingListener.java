package org.bert4rec.train.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bert4rec.utils.tracking.Tracker;

/** Sends the training curves (loss, accuracy, learning rate, sequences/s) to the stage's tracking run. */
public final class TrackingListener implements TrainingListener {
    private final Tracker tracker;
    private final int every;

    public TrackingListener(Tracker tracker, int every) {
        this.tracker = tracker;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStep(TrainingState state, StepEvent e) {
        if (e.step() % every != 0) {
            return;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", e.loss());
        m.put("masked_lm_accuracy", e.accuracy());
        m.put("learning_rate", e.learningRate());
        m.put("sequences_per_second", e.sequencesPerSecond());
        tracker.logMetrics(m, e.step());
    }
}
