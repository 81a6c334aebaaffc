package org.bert4rec.utils.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log-batch request's content, and the splitting of any amount of metrics, params and tags into requests that
 * each stay within the REST API's limits (FORMATS.md §5: 1000 metrics, 100 params, 100 tags, 1000 items, 1 MB).
 * The file store gets the same batches, so both stores see the same calls.
 *
 * @param metrics metric values, in logging order
 * @param params  params, in logging order
 * @param tags    tags, in logging order
 */
record LogBatch(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {

    /** Splits into batches within the limits; params first, then tags, then metrics, each in order. */
    static List<LogBatch> split(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
        List<LogBatch> batches = new ArrayList<>();
        Builder current = new Builder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            long size = keyValueBytes(p.getKey(), p.getValue());
            if (!current.fits(0, 1, 0, size)) {
                batches.add(current.build());
                current = new Builder();
            }
            current.params.put(p.getKey(), p.getValue());
            current.bytes += size;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            long size = keyValueBytes(t.getKey(), t.getValue());
            if (!current.fits(0, 0, 1, size)) {
                batches.add(current.build());
                current = new Builder();
            }
            current.tags.put(t.getKey(), t.getValue());
            current.bytes += size;
        }
        for (MetricPoint m : metrics) {
            long size = MlflowLimits.jsonBytesBound(m.key()) + MlflowLimits.METRIC_ENTRY_BYTES;
            if (!current.fits(1, 0, 0, size)) {
                batches.add(current.build());
                current = new Builder();
            }
            current.metrics.add(m);
            current.bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current.build());
        }
        return batches;
    }

    private static long keyValueBytes(String key, String value) {
        return MlflowLimits.jsonBytesBound(key) + MlflowLimits.jsonBytesBound(value)
                + MlflowLimits.KEY_VALUE_ENTRY_BYTES;
    }

    private static final class Builder {
        final List<MetricPoint> metrics = new ArrayList<>();
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        long bytes = MlflowLimits.BATCH_ENVELOPE_BYTES;

        boolean fits(int addMetrics, int addParams, int addTags, long addBytes) {
            if (isEmpty()) {
                return true; // a single item always goes out on its own; the limits on values keep it small
            }
            return metrics.size() + addMetrics <= MlflowLimits.MAX_METRICS_PER_BATCH
                    && params.size() + addParams <= MlflowLimits.MAX_PARAMS_PER_BATCH
                    && tags.size() + addTags <= MlflowLimits.MAX_TAGS_PER_BATCH
                    && metrics.size() + params.size() + tags.size() + addMetrics + addParams + addTags
                    <= MlflowLimits.MAX_ITEMS_PER_BATCH
                    && bytes + addBytes <= MlflowLimits.MAX_BATCH_BYTES;
        }

        boolean isEmpty() {
            return metrics.isEmpty() && params.isEmpty() && tags.isEmpty();
        }

        LogBatch build() {
            return new LogBatch(List.copyOf(metrics), new LinkedHashMap<>(params), new LinkedHashMap<>(tags));
        }
    }
}
