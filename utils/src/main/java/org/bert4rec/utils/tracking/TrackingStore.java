package org.bert4rec.utils.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of an MLflow tracking backend that the pipeline needs: the local file store (FORMATS.md §4) or a
 * server's REST API (§5). Failures surface as {@link TrackingException}.
 */
interface TrackingStore extends AutoCloseable {

    /** Where this store is, for messages: a file URI or the server's URL. */
    String describe();

    /** The active or deleted experiment with this name, if any. */
    Optional<ExperimentState> findExperiment(String name);

    /** Creates an experiment with this name and returns it; the name must be unused. */
    ExperimentRef createExperiment(String name);

    /** Creates a RUNNING run in the experiment. */
    RunRef createRun(String experimentId, String runName, String userId, long startTimeMs, Map<String, String> tags);

    /** Logs metrics, params and tags within the REST API's log-batch limits (callers split larger batches). */
    void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags);

    /** Ends a run with a terminal status. */
    void endRun(String runId, RunStatus status, long endTimeMs);

    /** Where the run's artifacts go. */
    ArtifactSink artifactSink(RunRef run);

    @Override
    default void close() {
    }

    /**
     * An experiment and whether it was deleted.
     *
     * @param ref     the experiment
     * @param deleted true when its lifecycle_stage is {@code deleted}
     */
    record ExperimentState(ExperimentRef ref, boolean deleted) {
    }
}
