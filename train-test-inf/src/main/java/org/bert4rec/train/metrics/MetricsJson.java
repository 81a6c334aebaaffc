package org.bert4rec.train.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders metrics as a flat JSON object of numbers ({@code test_metrics.json}), the shape DVC reads as metrics:
 * counts as integers, means at full double precision, keys in the summary's order.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    public static String render(Map<String, Double> metrics) {
        Map<String, Number> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(k, RankingMetrics.COUNT_KEYS.contains(k) && v == Math.rint(v)
                ? (Number) v.longValue() : v));
        try {
            return MAPPER.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics are plain numbers and always serialize", e);
        }
    }
}
