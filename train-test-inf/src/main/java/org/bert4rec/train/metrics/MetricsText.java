package org.bert4rec.train.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders metrics as the human-readable {@code *_results.txt} files: {@code #} comment lines saying what was
 * evaluated, then one {@code key = value} line per metric, as the seed's {@code test_results.txt} had them.
 * Counts are written as integers, means with six decimals.
 */
public final class MetricsText {
    private MetricsText() {
    }

    /**
     * @param title   first line, e.g. "BERT4Rec test results"
     * @param context lines describing the run (model, data file, protocol), each written after {@code #}
     * @param metrics the metrics in the order to write them
     */
    public static String render(String title, List<String> context, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append('\n');
        for (String line : context) {
            sb.append("# ").append(line).append('\n');
        }
        metrics.forEach((k, v) -> sb.append(k).append(" = ").append(format(k, v)).append('\n'));
        return sb.toString();
    }

    /** A value as written in text and JSON: counts as integers, other numbers with six decimals. */
    public static String format(String key, double value) {
        if (RankingMetrics.COUNT_KEYS.contains(key) && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
