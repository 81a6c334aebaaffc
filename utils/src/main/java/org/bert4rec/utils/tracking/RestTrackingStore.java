package org.bert4rec.utils.tracking;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * An MLflow tracking server through {@code org.mlflow:mlflow-client} (REST API 2.0, FORMATS.md §5) for experiments,
 * runs, params, metrics and tags. That client has no timeouts (a server that accepts connections and never answers
 * would hang the stage), so every call runs on a helper thread and is abandoned after {@link #CALL_TIMEOUT_MS}.
 * Artifacts go through our own code ({@link ArtifactSinks}), because the client's logArtifact shells out to Python.
 */
final class RestTrackingStore implements TrackingStore {

    /** The longest one REST call may take; MLflow answers in milliseconds, so this only catches a stuck server. */
    static final long CALL_TIMEOUT_MS = 60_000;

    private final String trackingUri;
    private final TrackingSettings settings;
    private final MlflowClient client;
    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlflow-rest");
        t.setDaemon(true);
        return t;
    });

    /**
     * The client logs every retried error answer as a "rate limit" warning, including the 404 that only says an
     * experiment does not exist yet; with slf4j-simple (the launcher's logger) that would print alarming lines on
     * every new experiment. Real failures reach the user through our own one-line warning instead.
     */
    private static final String CLIENT_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.mlflow";

    static {
        if (System.getProperty(CLIENT_LOG_LEVEL) == null) {
            System.setProperty(CLIENT_LOG_LEVEL, "error");
        }
    }

    RestTrackingStore(TrackingSettings settings) {
        this.settings = settings;
        this.trackingUri = stripSlash(settings.trackingUri().orElseThrow());
        this.client = new MlflowClient(new BasicMlflowHostCreds(trackingUri, settings.username().orElse(null),
                settings.password().orElse(null), settings.token().orElse(null), settings.insecureTls()));
    }

    @Override
    public String describe() {
        return trackingUri;
    }

    @Override
    public Optional<ExperimentState> findExperiment(String name) {
        return call("look up experiment '" + name + "'", () -> client.getExperimentByName(name)).map(e ->
                new ExperimentState(new ExperimentRef(e.getExperimentId(), e.getName()),
                        FileTrackingStore.DELETED.equals(e.getLifecycleStage())));
    }

    @Override
    public ExperimentRef createExperiment(String name) {
        String id = call("create experiment '" + name + "'", () -> client.createExperiment(name));
        return new ExperimentRef(id, name);
    }

    @Override
    public RunRef createRun(String experimentId, String runName, String userId, long startTimeMs,
                            Map<String, String> tags) {
        Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(runName)
                .setUserId(userId)
                .setStartTime(startTimeMs);
        tags.forEach((k, v) -> request.addTags(Service.RunTag.newBuilder().setKey(k).setValue(v)));
        Service.RunInfo info = call("create a run", () -> client.createRun(request.build()));
        return new RunRef(info.getRunId(), info.getExperimentId(), info.getArtifactUri());
    }

    @Override
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params,
                         Map<String, String> tags) {
        List<Service.Metric> m = new ArrayList<>(metrics.size());
        for (MetricPoint p : metrics) {
            m.add(Service.Metric.newBuilder().setKey(p.key()).setValue(p.value()).setTimestamp(p.timestampMs())
                    .setStep(p.step()).build());
        }
        List<Service.Param> ps = new ArrayList<>(params.size());
        params.forEach((k, v) -> ps.add(Service.Param.newBuilder().setKey(k).setValue(v).build()));
        List<Service.RunTag> ts = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> ts.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
        call("log a batch", () -> {
            client.logBatch(runId, m, ps, ts);
            return null;
        });
    }

    @Override
    public void endRun(String runId, RunStatus status, long endTimeMs) {
        Service.RunStatus s = Service.RunStatus.valueOf(status.name());
        call("end the run", () -> {
            client.setTerminated(runId, s, endTimeMs);
            return null;
        });
    }

    @Override
    public ArtifactSink artifactSink(RunRef run) {
        return ArtifactSinks.forUri(run.artifactUri(), URI.create(trackingUri), settings);
    }

    @Override
    public void close() {
        caller.shutdownNow();
        client.close();
    }

    private <T> T call(String what, Supplier<T> body) {
        Future<T> f = caller.submit(body::get);
        try {
            return f.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new TrackingException("the server at " + trackingUri + " did not answer within "
                    + CALL_TIMEOUT_MS / 1000 + " s when asked to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new TrackingException("the server at " + trackingUri + " could not " + what + ": "
                    + firstLine(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException("interrupted while asking " + trackingUri + " to " + what, e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
