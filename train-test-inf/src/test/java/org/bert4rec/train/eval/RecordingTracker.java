package org.bert4rec.train.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.tracking.Tracker;

/** A tracker that remembers what it was told. */
final class RecordingTracker implements Tracker {
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final List<Path> artifacts = new ArrayList<>();
    long step = -1;

    @Override
    public void logParams(Map<String, String> p) {
        params.putAll(p);
    }

    @Override
    public void logMetric(String key, double value, long s) {
        metrics.put(key, value);
        step = s;
    }

    @Override
    public void setTag(String key, String value) {
    }

    @Override
    public void logArtifact(Path localPath, String artifactPath) {
        artifacts.add(localPath);
    }

    @Override
    public void end(boolean failed) {
    }
}
