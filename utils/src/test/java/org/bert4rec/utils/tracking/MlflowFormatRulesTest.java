package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Key rules, YAML quoting and log-batch splitting, each checked against a slow or independent reference. */
class MlflowFormatRulesTest {

    @Test
    void keysFollowMlflowsValidation() {
        for (String ok : new String[] {"loss", "val/ndcg_10", "learning rate", "a.b-c", "x".repeat(250)}) {
            assertTrue(MlflowLimits.isValidKey(ok), ok);
        }
        for (String bad : new String[] {"", "ndcg@10", "/abs", "a//b", "a/", "../up", "a/./b", "x".repeat(251),
            "tab\tkey", "ключ"}) {
            assertFalse(MlflowLimits.isValidKey(bad), bad);
            assertTrue(MlflowLimits.isValidKey(MlflowLimits.sanitizeKey(bad)), "sanitized " + bad);
        }
        assertEquals("ndcg_10", MlflowLimits.sanitizeKey("ndcg@10"));
    }

    @Test
    void yamlScalarsReadBackAsTheSameStrings() {
        String[] values = {"0", "181402726024204726", "1e5a", "d0ca9e19", "active", "", "null", "yes", "No", "~",
            "true", "file:///tmp/a b/mlruns/0", "bert4rec_x_2023-10-20 15:03:04.198528_master", "it's", "a: b",
            "#x", "- x", "line\nbreak", "tab\there", "@at", "ünï"};
        MetaYaml y = new MetaYaml();
        for (int i = 0; i < values.length; i++) {
            y.string("k" + (char) ('a' + i), values[i]);
        }
        Map<String, Object> back = new Yaml().load(y.integer("n", 7).nullValue("z").emptyList("t").render());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], back.get("k" + (char) ('a' + i)), "value " + values[i]);
        }
        assertEquals(7, back.get("n"));
        assertTrue(back.containsKey("z") && back.get("z") == null);
        assertEquals(List.of(), back.get("t"));
    }

    @Test
    void batchesRespectEveryLimitAndKeepOrder() {
        List<MetricPoint> metrics = new ArrayList<>();
        for (int i = 0; i < 2345; i++) {
            metrics.add(new MetricPoint("m" + (i % 7), i, i, i));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            params.put("p" + i, i % 10 == 0 ? "<".repeat(6000) : "v" + i);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 130; i++) {
            tags.put("t" + i, "w" + i);
        }
        List<LogBatch> batches = LogBatch.split(metrics, params, tags);
        List<MetricPoint> allMetrics = new ArrayList<>();
        Map<String, String> allParams = new LinkedHashMap<>();
        Map<String, String> allTags = new LinkedHashMap<>();
        for (LogBatch b : batches) {
            assertTrue(b.metrics().size() <= 1000 && b.params().size() <= 100 && b.tags().size() <= 100);
            assertTrue(b.metrics().size() + b.params().size() + b.tags().size() <= 1000);
            assertTrue(naiveWorstCaseBytes(b) <= 1_000_000, "batch over 1 MB in the worst escaping");
            allMetrics.addAll(b.metrics());
            allParams.putAll(b.params());
            allTags.putAll(b.tags());
        }
        assertEquals(metrics, allMetrics);
        assertEquals(new ArrayList<>(params.entrySet()), new ArrayList<>(allParams.entrySet()));
        assertEquals(new ArrayList<>(tags.entrySet()), new ArrayList<>(allTags.entrySet()));
        // a lower bound on how few batches suffice: 2345 metrics need 3; 250 params need 3
        assertTrue(batches.size() <= 8, "batches: " + batches.size());
    }

    /** Every character as a six-byte escape, plus generous per-entry overhead: a bound no encoder exceeds. */
    private static long naiveWorstCaseBytes(LogBatch b) {
        long n = 100;
        for (MetricPoint m : b.metrics()) {
            n += 6L * m.key().length() + 110;
        }
        for (Map.Entry<String, String> e : b.params().entrySet()) {
            n += 6L * (e.getKey().length() + e.getValue().length()) + 30;
        }
        for (Map.Entry<String, String> e : b.tags().entrySet()) {
            n += 6L * (e.getKey().length() + e.getValue().length()) + 30;
        }
        return n;
    }

    @Test
    void artifactPathsArePercentEncodedPerSegment() {
        assertEquals("models/model%20dir/config/a%2Bb%C3%A9.json",
                ProxyArtifactSink.encodePath("models/model dir/config/a+bé.json"));
    }

    @Test
    void metricValuesAreWrittenAsPythonReadsThem() {
        assertEquals("nan", FileTrackingStore.formatValue(Double.NaN));
        assertEquals("inf", FileTrackingStore.formatValue(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FileTrackingStore.formatValue(Double.NEGATIVE_INFINITY));
        for (double v : new double[] {0.0, -1.5, 1e-5, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE}) {
            assertEquals(v, MlrunsReader.pythonFloat(FileTrackingStore.formatValue(v)));
        }
    }
}
