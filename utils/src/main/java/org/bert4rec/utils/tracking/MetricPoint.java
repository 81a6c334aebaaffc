package org.bert4rec.utils.tracking;

/**
 * One value of a metric, as MLflow stores it.
 *
 * @param key         the metric's name
 * @param value       its value
 * @param timestampMs when it was logged, epoch milliseconds
 * @param step        the training step (or 0)
 */
public record MetricPoint(String key, double value, long timestampMs, long step) {
}
