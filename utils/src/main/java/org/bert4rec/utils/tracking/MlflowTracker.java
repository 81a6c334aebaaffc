package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One stage's MLflow run, in either store. Metrics are buffered and sent in log-batch sized requests (at most every
 * {@code flushInterval}, and at the end), never one request per step. Tracking never costs the stage its work: the
 * first failure of the store prints one warning, and the rest of the run's tracking is skipped while the stage goes
 * on.
 */
final class MlflowTracker implements Tracker {

    /** How long metrics may wait in memory before they are sent, so a long training shows progress. */
    static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(15);

    private final TrackingStore store;
    private final RunRef run;
    private final ArtifactSink artifacts;
    private final Consumer<String> warn;
    private final Clock clock;
    private final Duration flushInterval;

    private final Map<String, String> loggedParams = new HashMap<>();
    private final List<MetricPoint> pendingMetrics = new ArrayList<>();
    private long lastFlushMs;
    private boolean broken;
    private boolean artifactsBroken;
    private boolean ended;
    private final Map<String, Boolean> warnedOnce = new HashMap<>();
    private Thread killHook;

    MlflowTracker(TrackingStore store, RunRef run, Consumer<String> warn, Clock clock, Duration flushInterval) {
        this.store = store;
        this.run = run;
        this.artifacts = store.artifactSink(run);
        this.warn = warn;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.lastFlushMs = clock.millis();
    }

    /** The run this tracker writes to. */
    RunRef run() {
        return run;
    }

    @Override
    public synchronized void logParams(Map<String, String> params) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = checkedKey(e.getKey());
            String value = truncated(key, String.valueOf(e.getValue()), MlflowLimits.MAX_PARAM_VALUE_LENGTH, "param");
            String old = loggedParams.get(key);
            if (old == null) {
                loggedParams.put(key, value);
                fresh.put(key, value);
            } else if (!old.equals(value)) {
                warnOnce("param:" + key, "param '" + key + "' was already logged as '" + old + "'; MLflow params "
                        + "never change, so '" + value + "' is not recorded");
            }
        }
        send(List.of(), fresh, Map.of());
    }

    @Override
    public synchronized void logMetric(String key, double value, long step) {
        pendingMetrics.add(new MetricPoint(checkedKey(key), value, clock.millis(), step));
        flushIfDue();
    }

    @Override
    public synchronized void logMetrics(Map<String, Double> metrics, long step) {
        long now = clock.millis();
        metrics.forEach((k, v) -> pendingMetrics.add(new MetricPoint(checkedKey(k), v, now, step)));
        flushIfDue();
    }

    @Override
    public synchronized void setTag(String key, String value) {
        String k = checkedKey(key);
        send(List.of(), Map.of(), Map.of(k, truncated(k, value, MlflowLimits.MAX_TAG_VALUE_LENGTH, "tag")));
    }

    @Override
    public synchronized void logArtifact(Path localPath, String artifactPath) {
        if (broken || artifactsBroken) {
            return;
        }
        String prefix = artifactPath == null ? "" : artifactPath.replace('\\', '/').replaceAll("^/+|/+$", "");
        if (!Files.exists(localPath)) {
            warnOnce("artifact:" + localPath, "artifact " + localPath + " does not exist; not logged");
            return;
        }
        String base = (prefix.isEmpty() ? "" : prefix + "/") + localPath.getFileName();
        try {
            if (Files.isDirectory(localPath)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(localPath)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String rel = localPath.relativize(f).toString().replace('\\', '/');
                    artifacts.put(f, base + "/" + rel);
                }
            } else {
                artifacts.put(localPath, base);
            }
        } catch (IOException | RuntimeException e) {
            artifactsBroken = true;
            warn.accept("tracking: could not log artifact " + localPath + " to " + artifacts.describe() + ": "
                    + e.getMessage() + "; the stage goes on, and this run's remaining artifacts are skipped");
        }
    }

    @Override
    public synchronized void end(boolean failed) {
        end(failed ? RunStatus.FAILED : RunStatus.FINISHED);
    }

    /**
     * Marks the run KILLED if the JVM shuts down (Ctrl-C, SIGTERM) before the stage ended it, as MLflow's Python
     * client does at exit; otherwise the run would show RUNNING forever.
     */
    synchronized void endWhenKilled() {
        if (killHook == null && !ended) {
            killHook = new Thread(() -> end(RunStatus.KILLED), "mlflow-run-killed");
            Runtime.getRuntime().addShutdownHook(killHook);
        }
    }

    /** Ends the run with {@code status}; later calls do nothing. */
    synchronized void end(RunStatus status) {
        if (ended) {
            return;
        }
        ended = true;
        if (killHook != null && Thread.currentThread() != killHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(killHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down; the hook will find the run ended
            }
        }
        flush();
        if (!broken) {
            try {
                store.endRun(run.runId(), status, clock.millis());
            } catch (RuntimeException e) {
                fail("could not end run " + run.runId(), e);
            }
        }
        artifacts.close();
        store.close();
    }

    synchronized boolean isEnded() {
        return ended;
    }

    private void flushIfDue() {
        if (pendingMetrics.size() >= MlflowLimits.MAX_METRICS_PER_BATCH
                || clock.millis() - lastFlushMs >= flushInterval.toMillis()) {
            flush();
        }
    }

    private void flush() {
        List<MetricPoint> metrics = List.copyOf(pendingMetrics);
        pendingMetrics.clear();
        lastFlushMs = clock.millis();
        send(metrics, Map.of(), Map.of());
    }

    private void send(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        if (broken || (metrics.isEmpty() && params.isEmpty() && tags.isEmpty())) {
            return;
        }
        try {
            for (LogBatch b : LogBatch.split(metrics, params, tags)) {
                store.logBatch(run.runId(), b.metrics(), b.params(), b.tags());
            }
        } catch (RuntimeException e) {
            fail("could not log to run " + run.runId() + " in " + store.describe(), e);
        }
    }

    private String checkedKey(String key) {
        if (MlflowLimits.isValidKey(key)) {
            return key;
        }
        String fixed = MlflowLimits.sanitizeKey(key);
        warnOnce("key:" + key, "'" + key + "' is not a valid MLflow key; logged as '" + fixed + "'");
        return fixed;
    }

    private String truncated(String key, String value, int max, String what) {
        if (value.length() <= max) {
            return value;
        }
        warnOnce("long:" + key, what + " '" + key + "' is " + value.length() + " characters long; MLflow keeps at "
                + "most " + max + ", so it is cut");
        return value.substring(0, max);
    }

    private void fail(String what, Exception e) {
        if (!broken) {
            broken = true;
            warn.accept("tracking: " + what + ": " + e.getMessage()
                    + "; the stage goes on without recording the rest of this run");
        }
    }

    private void warnOnce(String id, String message) {
        if (warnedOnce.putIfAbsent(id, Boolean.TRUE) == null) {
            warn.accept("tracking: " + message);
        }
    }
}
