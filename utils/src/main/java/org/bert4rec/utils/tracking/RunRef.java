package org.bert4rec.utils.tracking;

/**
 * A run the store created.
 *
 * @param runId        32 lowercase hex characters
 * @param experimentId the experiment it belongs to
 * @param artifactUri  where its artifacts go ({@code file:}, {@code mlflow-artifacts:}, {@code s3://}, ...)
 */
public record RunRef(String runId, String experimentId, String artifactUri) {
}
