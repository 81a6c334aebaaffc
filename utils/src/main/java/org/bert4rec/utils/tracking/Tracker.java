package org.bert4rec.utils.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a stage reports what it did: one run per stage, with params, metrics, tags and artifacts.
 *
 * <p>Stages only see this interface; which store it writes to (the local MLflow file store, an MLflow server, or
 * nothing) is chosen by the launcher.
 */
public interface Tracker extends AutoCloseable {

    /** Records parameters; each key is logged once per run. */
    void logParams(Map<String, String> params);

    /** Records one value of a metric at a step. */
    void logMetric(String key, double value, long step);

    /** Records several metrics at one step. */
    default void logMetrics(Map<String, Double> metrics, long step) {
        metrics.forEach((k, v) -> logMetric(k, v, step));
    }

    /** Records a tag; a later value replaces an earlier one. */
    void setTag(String key, String value);

    /** Copies a file, or a folder recursively, into the run's artifacts under {@code artifactPath} ("" = root). */
    void logArtifact(Path localPath, String artifactPath);

    /** Ends the run as FINISHED, or FAILED when {@code failed}. */
    void end(boolean failed);

    @Override
    default void close() {
        end(false);
    }

    /** A tracker that records nothing: for tests and for {@code --no-tracking}. */
    static Tracker none() {
        return NoTracker.INSTANCE;
    }
}
