package org.bert4rec.train.training;

import org.bert4rec.utils.tracking.Tracker;

/** Sends the training curves ({@link StepEvent#curves()}) to the stage's tracking run. */
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
        tracker.logMetrics(e.curves(), e.step());
    }
}
