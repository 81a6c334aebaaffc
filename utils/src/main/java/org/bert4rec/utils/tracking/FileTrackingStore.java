package org.bert4rec.utils.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * The MLflow file store ({@code mlruns/}) written exactly as MLflow 2.x's FileStore lays it out, so that
 * {@code mlflow ui --backend-store-uri ./mlruns} shows our runs (FORMATS.md §4): the Default experiment "0",
 * experiments under random 18-digit ids, runs under uuid4-hex ids with meta.yaml, metrics, params, tags and
 * artifacts folders.
 */
final class FileTrackingStore implements TrackingStore {

    static final String DEFAULT_EXPERIMENT_ID = "0";
    static final String DEFAULT_EXPERIMENT_NAME = "Default";
    static final String TRASH = ".trash";
    static final String META = "meta.yaml";
    static final String ACTIVE = "active";
    static final String DELETED = "deleted";
    /** MLflow's SourceType.LOCAL, the value its file store writes for source_type. */
    static final int SOURCE_TYPE_LOCAL = 4;
    /** Digits of an experiment id, as MLflow's _generate_unique_integer_id makes them. */
    private static final int EXPERIMENT_ID_DIGITS = 18;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;
    private final Clock clock;
    private final Random random = new SecureRandom();

    FileTrackingStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    FileTrackingStore(Path root) {
        this(root, Clock.systemUTC());
    }

    Path root() {
        return root;
    }

    @Override
    public String describe() {
        return fileUri(root);
    }

    @Override
    public Optional<ExperimentState> findExperiment(String name) {
        ensureDefaultExperiment();
        for (Path dir : experimentDirs(root)) {
            Optional<ExperimentState> e = readExperiment(dir).filter(s -> s.ref().name().equals(name));
            if (e.isPresent()) {
                return e;
            }
        }
        for (Path dir : experimentDirs(root.resolve(TRASH))) {
            Optional<ExperimentState> e = readExperiment(dir).filter(s -> s.ref().name().equals(name));
            if (e.isPresent()) {
                return Optional.of(new ExperimentState(e.get().ref(), true));
            }
        }
        return Optional.empty();
    }

    @Override
    public ExperimentRef createExperiment(String name) {
        if (findExperiment(name).isPresent()) {
            throw new TrackingException("experiment '" + name + "' already exists in " + describe());
        }
        String id;
        do {
            id = randomExperimentId();
        } while (Files.exists(root.resolve(id)) || Files.exists(root.resolve(TRASH).resolve(id)));
        writeExperiment(id, name);
        return new ExperimentRef(id, name);
    }

    @Override
    public RunRef createRun(String experimentId, String runName, String userId, long startTimeMs,
                            Map<String, String> tags) {
        Path expDir = root.resolve(experimentId);
        if (!Files.isRegularFile(expDir.resolve(META))) {
            throw new TrackingException("no experiment with id " + experimentId + " in " + describe());
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        Path runDir = expDir.resolve(runId);
        String artifactUri = fileUri(expDir) + "/" + runId + "/artifacts";
        RunMeta meta = new RunMeta(runId, experimentId, runName, userId, artifactUri, startTimeMs, null,
                RunStatus.RUNNING);
        try {
            for (String sub : new String[] {"metrics", "params", "tags", "artifacts"}) {
                Files.createDirectories(runDir.resolve(sub));
            }
        } catch (IOException e) {
            throw new TrackingException("could not create run folder " + runDir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(runDir.resolve(META), meta.toYaml());
        logBatch(runId, List.of(), Map.of(), tags, runDir);
        return new RunRef(runId, experimentId, artifactUri);
    }

    @Override
    public void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params,
                         Map<String, String> tags) {
        logBatch(runId, metrics, params, tags, findRunDir(runId));
    }

    private void logBatch(String runId, List<MetricPoint> metrics, Map<String, String> params,
                          Map<String, String> tags, Path runDir) {
        try {
            Map<String, StringBuilder> lines = new LinkedHashMap<>();
            for (MetricPoint m : metrics) {
                lines.computeIfAbsent(m.key(), k -> new StringBuilder())
                        .append(m.timestampMs()).append(' ').append(formatValue(m.value())).append(' ')
                        .append(m.step()).append('\n');
            }
            for (Map.Entry<String, StringBuilder> e : lines.entrySet()) {
                Path file = runDir.resolve("metrics").resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            for (Map.Entry<String, String> p : params.entrySet()) {
                Path file = runDir.resolve("params").resolve(p.getKey());
                if (Files.exists(file)) {
                    String old = Files.readString(file, StandardCharsets.UTF_8);
                    if (!old.equals(p.getValue())) {
                        throw new TrackingException("param '" + p.getKey() + "' of run " + runId + " is already '"
                                + old + "'; MLflow params never change");
                    }
                    continue;
                }
                AtomicFiles.writeString(file, p.getValue());
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                AtomicFiles.writeString(runDir.resolve("tags").resolve(t.getKey()), t.getValue());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TrackingException("could not write to run " + runDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void endRun(String runId, RunStatus status, long endTimeMs) {
        Path runDir = findRunDir(runId);
        RunMeta meta = RunMeta.read(runDir.resolve(META));
        AtomicFiles.writeString(runDir.resolve(META), meta.ended(status, endTimeMs).toYaml());
    }

    @Override
    public ArtifactSink artifactSink(RunRef run) {
        return new LocalArtifactSink(findRunDir(run.runId()).resolve("artifacts"));
    }

    /** MLflow writes a metric value with Python's str(float): "nan", "inf", "-inf" for the special values. */
    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** A file URI as Python's pathlib.Path.as_uri() writes it: {@code file:///abs/path}, no trailing slash. */
    static String fileUri(Path dir) {
        String uri = dir.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private Path findRunDir(String runId) {
        for (Path dir : experimentDirs(root)) {
            Path runDir = dir.resolve(runId);
            if (Files.isRegularFile(runDir.resolve(META))) {
                return runDir;
            }
        }
        throw new TrackingException("no run " + runId + " in " + describe());
    }

    /**
     * Creates the Default experiment and the {@code .trash} folder when the store lacks them, as MLflow's FileStore
     * does on first use.
     */
    private void ensureDefaultExperiment() {
        if (!Files.isRegularFile(root.resolve(DEFAULT_EXPERIMENT_ID).resolve(META))) {
            writeExperiment(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
        }
        try {
            Files.createDirectories(root.resolve(TRASH));
        } catch (IOException e) {
            throw new TrackingException("could not create " + root.resolve(TRASH) + ": " + e.getMessage(), e);
        }
    }

    private void writeExperiment(String id, String name) {
        Path dir = root.resolve(id);
        long now = clock.millis();
        String yaml = new MetaYaml()
                .string("artifact_location", fileUri(dir))
                .integer("creation_time", now)
                .string("experiment_id", id)
                .integer("last_update_time", now)
                .string("lifecycle_stage", ACTIVE)
                .string("name", name)
                .render();
        AtomicFiles.writeString(dir.resolve(META), yaml);
    }

    private String randomExperimentId() {
        StringBuilder b = new StringBuilder(EXPERIMENT_ID_DIGITS);
        b.append(1 + random.nextInt(9));
        while (b.length() < EXPERIMENT_ID_DIGITS) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }

    /** Sub-folders that MLflow reads as experiments: all but {@code .trash} and {@code models}. */
    private static List<Path> experimentDirs(Path parent) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return dirs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path p : stream) {
                String n = p.getFileName().toString();
                if (!n.equals(TRASH) && !n.equals("models")) {
                    dirs.add(p);
                }
            }
        } catch (IOException e) {
            throw new TrackingException("could not list " + parent + ": " + e.getMessage(), e);
        }
        dirs.sort(null);
        return dirs;
    }

    /** The experiment in {@code dir}, when it has a meta.yaml whose experiment_id is the folder's name. */
    private static Optional<ExperimentState> readExperiment(Path dir) {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            JsonNode node = YAML.readTree(meta.toFile());
            if (node == null || !node.path("experiment_id").asText("").equals(dir.getFileName().toString())) {
                return Optional.empty();
            }
            boolean deleted = DELETED.equals(node.path("lifecycle_stage").asText(ACTIVE));
            return Optional.of(new ExperimentState(
                    new ExperimentRef(node.get("experiment_id").asText(), node.path("name").asText()), deleted));
        } catch (IOException e) {
            return Optional.empty(); // MLflow skips a malformed experiment too
        }
    }
}
