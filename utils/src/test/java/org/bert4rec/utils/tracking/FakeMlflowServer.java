package org.bert4rec.utils.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An MLflow tracking server stand-in on loopback that checks every request against the REST API as FORMATS.md §5
 * and MLflow's own validation describe it: exact paths and methods, JSON bodies with only the proto's field names,
 * required fields and their types, log-batch limits, params that never change, the artifact proxy's PUT paths.
 * Anything else is recorded as a violation (and answered with an error), so a test fails on any sloppy request.
 */
final class FakeMlflowServer implements AutoCloseable {

    static final String API = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final Set<String> STATUSES = Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, String body) {
    }

    static final class Experiment {
        final String id;
        final String name;
        final String artifactLocation;

        Experiment(String id, String name, String artifactLocation) {
            this.id = id;
            this.name = name;
            this.artifactLocation = artifactLocation;
        }
    }

    static final class Run {
        final String id;
        final String experimentId;
        final String runName;
        final String userId;
        final long startTime;
        final String artifactUri;
        String status = "RUNNING";
        Long endTime;
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<MetricPoint> metrics = new ArrayList<>();

        Run(String id, String experimentId, String runName, String userId, long startTime, String artifactUri) {
            this.id = id;
            this.experimentId = experimentId;
            this.runName = runName;
            this.userId = userId;
            this.startTime = startTime;
            this.artifactUri = artifactUri;
        }
    }

    private final HttpServer server;
    private final String artifactRoot;
    final Map<String, Experiment> experiments = new LinkedHashMap<>();
    final Map<String, Run> runs = new LinkedHashMap<>();
    final Map<String, byte[]> artifacts = new LinkedHashMap<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private int nextExperimentId = 1;
    /** When set, every API call after this many answers 503. */
    volatile int failAfterRequests = Integer.MAX_VALUE;

    /**
     * @param artifactRoot where experiments' artifacts live: {@code mlflow-artifacts:} (the proxy, MLflow 2.x's
     *                     default) or e.g. {@code s3://bucket/prefix}
     */
    FakeMlflowServer(String artifactRoot) throws IOException {
        this.artifactRoot = artifactRoot;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        experiments.put("0", new Experiment("0", "Default", artifactLocation("0")));
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    List<Request> requestsTo(String apiPath) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().startsWith(apiPath)).toList();
        }
    }

    private String artifactLocation(String expId) {
        return artifactRoot.equals("mlflow-artifacts:") ? "mlflow-artifacts:/" + expId : artifactRoot + "/" + expId;
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        byte[] bodyBytes = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        requests.add(new Request(method, path, new String(bodyBytes, StandardCharsets.UTF_8)));
        try {
            if (requests.size() > failAfterRequests) {
                reply(ex, 503, error("TEMPORARILY_UNAVAILABLE", "the fake is told to fail"));
                return;
            }
            if (path.startsWith(ARTIFACTS)) {
                putArtifact(ex, method, path.substring(ARTIFACTS.length()), bodyBytes);
                return;
            }
            if (!path.startsWith(API)) {
                throw new Violation(404, "unknown path " + method + " " + path);
            }
            String call = path.substring(API.length());
            if (call.equals("experiments/get-by-name")) {
                expect(method, "GET", call);
                getByName(ex);
                return;
            }
            expect(method, "POST", call);
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                throw new Violation(400, call + ": Content-Type must be application/json, got " + type);
            }
            if (bodyBytes.length > MlflowLimits.MAX_BATCH_BYTES) {
                throw new Violation(400, call + ": body of " + bodyBytes.length + " bytes exceeds 1 MB");
            }
            JsonNode body = JSON.readTree(bodyBytes);
            if (body == null || !body.isObject()) {
                throw new Violation(400, call + ": body is not a JSON object");
            }
            switch (call) {
                case "experiments/create" -> createExperiment(ex, body);
                case "runs/create" -> createRun(ex, body);
                case "runs/log-batch" -> logBatch(ex, body);
                case "runs/update" -> updateRun(ex, body);
                default -> throw new Violation(404, "unknown endpoint " + call);
            }
        } catch (Violation v) {
            if (v.strict) {
                violations.add(v.getMessage());
            }
            reply(ex, v.status, error(v.code, v.getMessage()));
        }
    }

    private void getByName(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (query == null || !query.startsWith("experiment_name=") || query.indexOf('&') >= 0) {
            throw new Violation(400, "get-by-name: expected exactly ?experiment_name=N, got " + query);
        }
        String name = URLDecoder.decode(query.substring("experiment_name=".length()), StandardCharsets.UTF_8);
        for (Experiment e : experiments.values()) {
            if (e.name.equals(name)) {
                ObjectNode out = JSON.createObjectNode();
                ObjectNode x = out.putObject("experiment");
                x.put("experiment_id", e.id).put("name", e.name).put("artifact_location", e.artifactLocation)
                        .put("lifecycle_stage", "active");
                reply(ex, 200, out);
                return;
            }
        }
        throw Violation.expected(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
    }

    private void createExperiment(HttpExchange ex, JsonNode body) throws IOException {
        allowOnly(body, "experiments/create", "name", "artifact_location", "tags");
        String name = requireString(body, "name", "experiments/create");
        if (name.isEmpty()) {
            throw new Violation(400, "experiments/create: empty name");
        }
        for (Experiment e : experiments.values()) {
            if (e.name.equals(name)) {
                throw Violation.expected(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
            }
        }
        String id = Integer.toString(nextExperimentId++);
        experiments.put(id, new Experiment(id, name, artifactLocation(id)));
        reply(ex, 200, JSON.createObjectNode().put("experiment_id", id));
    }

    private void createRun(HttpExchange ex, JsonNode body) throws IOException {
        String call = "runs/create";
        allowOnly(body, call, "experiment_id", "user_id", "run_name", "start_time", "tags");
        String expId = requireString(body, "experiment_id", call);
        Experiment e = experiments.get(expId);
        if (e == null) {
            throw new Violation(404, call + ": no experiment " + expId);
        }
        String runName = requireString(body, "run_name", call);
        String userId = requireString(body, "user_id", call);
        long start = requireInt64(body, "start_time", call);
        String runId = UUID.randomUUID().toString().replace("-", "");
        Run run = new Run(runId, expId, runName, userId, start, e.artifactLocation + "/" + runId + "/artifacts");
        for (JsonNode t : arrayOf(body, "tags", call)) {
            allowOnly(t, call + " tags[]", "key", "value");
            run.tags.put(validKey(requireString(t, "key", call), call), requireString(t, "value", call));
        }
        run.tags.put("mlflow.runName", runName);
        runs.put(runId, run);
        ObjectNode out = JSON.createObjectNode();
        ObjectNode info = out.putObject("run").putObject("info");
        info.put("run_id", runId).put("run_uuid", runId).put("experiment_id", expId).put("user_id", userId)
                .put("status", "RUNNING").put("start_time", start).put("artifact_uri", run.artifactUri)
                .put("lifecycle_stage", "active").put("run_name", runName);
        reply(ex, 200, out);
    }

    private void logBatch(HttpExchange ex, JsonNode body) throws IOException {
        String call = "runs/log-batch";
        allowOnly(body, call, "run_id", "metrics", "params", "tags");
        Run run = runOf(requireString(body, "run_id", call), call);
        List<JsonNode> metrics = arrayOf(body, "metrics", call);
        List<JsonNode> params = arrayOf(body, "params", call);
        List<JsonNode> tags = arrayOf(body, "tags", call);
        if (metrics.size() > MlflowLimits.MAX_METRICS_PER_BATCH || params.size() > MlflowLimits.MAX_PARAMS_PER_BATCH
                || tags.size() > MlflowLimits.MAX_TAGS_PER_BATCH
                || metrics.size() + params.size() + tags.size() > MlflowLimits.MAX_ITEMS_PER_BATCH) {
            throw new Violation(400, call + ": over the limits: " + metrics.size() + " metrics, " + params.size()
                    + " params, " + tags.size() + " tags");
        }
        for (JsonNode p : params) {
            allowOnly(p, call + " params[]", "key", "value");
            String key = validKey(requireString(p, "key", call), call);
            String value = requireString(p, "value", call);
            if (value.length() > MlflowLimits.MAX_PARAM_VALUE_LENGTH) {
                throw new Violation(400, call + ": param " + key + " longer than 6000");
            }
            String old = run.params.putIfAbsent(key, value);
            if (old != null && !old.equals(value)) {
                throw new Violation(400, call + ": param " + key + " changed from " + old + " to " + value);
            }
        }
        for (JsonNode t : tags) {
            allowOnly(t, call + " tags[]", "key", "value");
            String key = validKey(requireString(t, "key", call), call);
            String value = requireString(t, "value", call);
            if (value.length() > MlflowLimits.MAX_TAG_VALUE_LENGTH) {
                throw new Violation(400, call + ": tag " + key + " longer than 5000");
            }
            run.tags.put(key, value);
        }
        for (JsonNode m : metrics) {
            allowOnly(m, call + " metrics[]", "key", "value", "timestamp", "step");
            String key = validKey(requireString(m, "key", call), call);
            long step = m.has("step") ? requireInt64(m, "step", call) : 0;
            run.metrics.add(new MetricPoint(key, requireDouble(m, "value", call), requireInt64(m, "timestamp", call),
                    step));
        }
        reply(ex, 200, JSON.createObjectNode());
    }

    private void updateRun(HttpExchange ex, JsonNode body) throws IOException {
        String call = "runs/update";
        allowOnly(body, call, "run_id", "run_uuid", "status", "end_time", "run_name");
        String id = body.has("run_id") ? requireString(body, "run_id", call) : requireString(body, "run_uuid", call);
        Run run = runOf(id, call);
        String status = requireString(body, "status", call);
        if (!STATUSES.contains(status)) {
            throw new Violation(400, call + ": unknown status " + status);
        }
        run.status = status;
        run.endTime = requireInt64(body, "end_time", call);
        ObjectNode out = JSON.createObjectNode();
        out.putObject("run_info").put("run_id", id).put("status", status).put("end_time", run.endTime);
        reply(ex, 200, out);
    }

    private void putArtifact(HttpExchange ex, String method, String rawPath, byte[] body) throws IOException {
        expect(method, "PUT", "mlflow-artifacts");
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        String[] parts = path.split("/", 4);
        if (parts.length < 4 || !parts[2].equals("artifacts") || parts[3].isEmpty()) {
            throw new Violation(400, "artifact PUT path must be <exp>/<run>/artifacts/<path>: " + path);
        }
        Run run = runOf(parts[1], "artifact PUT");
        if (!run.experimentId.equals(parts[0])) {
            throw new Violation(400, "artifact PUT: run " + run.id + " is not in experiment " + parts[0]);
        }
        for (String seg : parts[3].split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new Violation(400, "artifact PUT: bad path segment in " + parts[3]);
            }
        }
        artifacts.put(parts[1] + "/" + parts[3], body);
        reply(ex, 200, JSON.createObjectNode());
    }

    private Run runOf(String id, String call) {
        Run run = runs.get(id);
        if (run == null) {
            throw new Violation(404, call + ": no run " + id);
        }
        return run;
    }

    private static void expect(String method, String wanted, String call) {
        if (!method.equals(wanted)) {
            throw new Violation(405, call + ": method " + method + ", expected " + wanted);
        }
    }

    private static void allowOnly(JsonNode node, String where, String... fields) {
        Set<String> allowed = Set.of(fields);
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new Violation(400, where + ": unexpected field '" + f + "'");
            }
        });
    }

    private static String requireString(JsonNode node, String field, String call) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new Violation(400, call + ": '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    /** proto3 JSON: an int64 is a number or a string of digits. */
    private static long requireInt64(JsonNode node, String field, String call) {
        JsonNode v = node.get(field);
        if (v != null && v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v != null && v.isTextual() && v.asText().matches("-?\\d+")) {
            return Long.parseLong(v.asText());
        }
        throw new Violation(400, call + ": '" + field + "' must be an int64, got " + v);
    }

    /** proto3 JSON: a double is a number or one of "NaN", "Infinity", "-Infinity". */
    private static double requireDouble(JsonNode node, String field, String call) {
        JsonNode v = node.get(field);
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        if (v != null && v.isTextual()) {
            switch (v.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new Violation(400, call + ": '" + field + "' must be a double, got " + v);
    }

    private static List<JsonNode> arrayOf(JsonNode node, String field, String call) {
        JsonNode v = node.get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new Violation(400, call + ": '" + field + "' must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static String validKey(String key, String call) {
        if (!MlflowLimits.isValidKey(key)) {
            throw new Violation(400, call + ": invalid key '" + key + "'");
        }
        return key;
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request the real server would refuse; {@code strict} ones are bugs in our client. */
    private static final class Violation extends RuntimeException {
        final int status;
        final String code;
        final boolean strict;

        Violation(int status, String message) {
            this(status, "INVALID_PARAMETER_VALUE", message, true);
        }

        private Violation(int status, String code, String message, boolean strict) {
            super(message);
            this.status = status;
            this.code = code;
            this.strict = strict;
        }

        /** An error answer that is part of normal use (e.g. looking up an experiment that does not exist). */
        static Violation expected(int status, String code, String message) {
            return new Violation(status, code, message, false);
        }
    }
}
