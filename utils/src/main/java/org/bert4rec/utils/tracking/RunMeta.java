package org.bert4rec.utils.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A run's meta.yaml in the file store, with the fields MLflow 2.x's FileStore writes (FORMATS.md §4). The
 * deprecated source fields are written empty and {@code tags: []}, as MLflow does: the run's tags live in files.
 *
 * @param runId        uuid4 hex, also written as run_uuid
 * @param experimentId the experiment's id, a string
 * @param runName      the run's name (our stage name)
 * @param userId       who ran it
 * @param artifactUri  {@code file:///.../mlruns/<exp>/<run>/artifacts}
 * @param startTimeMs  epoch ms
 * @param endTimeMs    epoch ms, null while running
 * @param status       RUNNING until the stage ends
 */
record RunMeta(String runId, String experimentId, String runName, String userId, String artifactUri,
               long startTimeMs, Long endTimeMs, RunStatus status) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** This run ended with {@code status} at {@code endTimeMs}. */
    RunMeta ended(RunStatus newStatus, long endMs) {
        return new RunMeta(runId, experimentId, runName, userId, artifactUri, startTimeMs, endMs, newStatus);
    }

    String toYaml() {
        return new MetaYaml()
                .string("artifact_uri", artifactUri)
                .nullValue("deleted_time")
                .integerOrNull("end_time", endTimeMs)
                .string("entry_point_name", "")
                .string("experiment_id", experimentId)
                .string("lifecycle_stage", FileTrackingStore.ACTIVE)
                .string("run_id", runId)
                .string("run_name", runName)
                .string("run_uuid", runId)
                .string("source_name", "")
                .integer("source_type", FileTrackingStore.SOURCE_TYPE_LOCAL)
                .string("source_version", "")
                .integer("start_time", startTimeMs)
                .integer("status", status.code())
                .emptyList("tags")
                .string("user_id", userId)
                .render();
    }

    /** Reads a meta.yaml this class (or MLflow) wrote. */
    static RunMeta read(Path file) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            JsonNode end = n.path("end_time");
            return new RunMeta(n.path("run_id").asText(), n.path("experiment_id").asText(),
                    n.path("run_name").asText(""), n.path("user_id").asText(""), n.path("artifact_uri").asText(),
                    n.path("start_time").asLong(), end.isNumber() ? end.asLong() : null,
                    RunStatus.ofCode(n.path("status").asInt(RunStatus.RUNNING.code())));
        } catch (IOException | IllegalArgumentException e) {
            throw new TrackingException("could not read run metadata " + file + ": " + e.getMessage(), e);
        }
    }
}
