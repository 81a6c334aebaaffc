package org.bert4rec.utils.tracking;

import java.nio.file.Path;
import java.time.Clock;
import org.bert4rec.utils.project.ProjectLayout;

/** A stage that opens its run and waits to be killed: run in a child JVM by {@link KilledRunTest}. */
public final class KilledStageMain {
    private KilledStageMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Tracker t = TrackerFactory.open(new TrackerFactory.StageRun(new ProjectLayout(Path.of(args[0]), "demo"),
                "train_val", "x", TrackingSettings.local(), System.err::println, Clock.systemUTC()));
        t.logMetric("loss", 1.0, 1);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
