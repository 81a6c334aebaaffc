package org.bert4rec.cli;

import java.time.Clock;
import java.util.function.Consumer;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tracking.Tracker;
import org.bert4rec.utils.tracking.TrackerFactory;
import org.bert4rec.utils.tracking.TrackingSettings;
import picocli.CommandLine.Option;

/**
 * Where a stage's MLflow run goes. The store comes from {@code MLFLOW_TRACKING_URI} (or the seed's
 * {@code MLFLOW_URI}) in the environment or the repository's {@code .env}: unset means the local file store
 * {@code ./mlruns}; see docs/TRACKING.md. This is the one place that picks a tracker implementation.
 */
public final class TrackingOptions {

    @Option(names = {"--no_tracking", "--no-tracking"},
            description = "Record no MLflow run for this stage (default: false, the run is recorded).")
    boolean noTracking;

    /** Opens the stage's run, or a tracker that records nothing with {@code --no_tracking}. */
    Tracker open(ProjectLayout layout, String stage, Consumer<String> warn) {
        if (noTracking) {
            return Tracker.none();
        }
        return TrackerFactory.open(new TrackerFactory.StageRun(layout, stage, "bert4rec.jar " + stage,
                TrackingSettings.load(layout.root()), warn, Clock.systemUTC()));
    }
}
