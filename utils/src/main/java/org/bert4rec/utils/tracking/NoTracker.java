package org.bert4rec.utils.tracking;

import java.nio.file.Path;
import java.util.Map;

/** The tracker that records nothing. */
enum NoTracker implements Tracker {
    INSTANCE;

    @Override
    public void logParams(Map<String, String> params) {
    }

    @Override
    public void logMetric(String key, double value, long step) {
    }

    @Override
    public void setTag(String key, String value) {
    }

    @Override
    public void logArtifact(Path localPath, String artifactPath) {
    }

    @Override
    public void end(boolean failed) {
    }
}
