package org.bert4rec.utils.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * {@code projects/<p>/config/config_mlflow.yaml}, as the seed keeps it: {@code last_experiment_name} (set by
 * make-exp, the experiment every stage logs into) and, per stage, {@code <stage>: {experiment_name, run_id}} of its
 * latest run, so that one can find the run that made each file. Keys this class does not know are kept as they are.
 */
public final class MlflowConfigFile {

    /** The file name under {@code projects/<p>/config/}. */
    public static final String FILE_NAME = "config_mlflow.yaml";
    public static final String LAST_EXPERIMENT_NAME = "last_experiment_name";
    public static final String EXPERIMENT_NAME = "experiment_name";
    public static final String RUN_ID = "run_id";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final Path file;
    private final ObjectNode root;

    private MlflowConfigFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** The file in a project's config folder; empty content when it does not exist yet. */
    public static MlflowConfigFile in(Path projectConfigDir) {
        return read(projectConfigDir.resolve(FILE_NAME));
    }

    /** Reads {@code file}, or starts an empty one when it does not exist (or, as the seed writes it, is empty). */
    public static MlflowConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new MlflowConfigFile(file, JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return new MlflowConfigFile(file, JsonNodeFactory.instance.objectNode());
            }
            if (!node.isObject()) {
                throw new UserInputException(file + ": expected a YAML mapping (last_experiment_name: ..., "
                        + "<stage>: {experiment_name, run_id}); fix it or delete it and run make-exp");
            }
            return new MlflowConfigFile(file, (ObjectNode) node);
        } catch (IOException e) {
            throw new UserInputException(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix it or delete it and run make-exp", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The experiment stages log into, when make-exp (or an earlier stage) set one. */
    public Optional<String> lastExperimentName() {
        JsonNode n = root.get(LAST_EXPERIMENT_NAME);
        return n == null || n.isNull() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText());
    }

    /** The run a stage last logged, if any. */
    public Optional<StageRun> stageRun(String stage) {
        JsonNode n = root.get(stage);
        if (n == null || !n.isObject() || !n.hasNonNull(RUN_ID)) {
            return Optional.empty();
        }
        return Optional.of(new StageRun(n.path(EXPERIMENT_NAME).asText(), n.get(RUN_ID).asText()));
    }

    public MlflowConfigFile withLastExperimentName(String name) {
        ObjectNode copy = root.deepCopy();
        copy.put(LAST_EXPERIMENT_NAME, name);
        return new MlflowConfigFile(file, copy);
    }

    public MlflowConfigFile withStageRun(String stage, StageRun run) {
        ObjectNode copy = root.deepCopy();
        ObjectNode entry = copy.putObject(stage);
        entry.put(EXPERIMENT_NAME, run.experimentName());
        entry.put(RUN_ID, run.runId());
        return new MlflowConfigFile(file, copy);
    }

    /** Writes the file atomically, creating its folder. */
    public void write() {
        AtomicFiles.write(file, out -> YAML.writeValue(out, root));
    }

    /**
     * Where a stage's latest run is.
     *
     * @param experimentName the experiment's name
     * @param runId          the run's id
     */
    public record StageRun(String experimentName, String runId) {
    }
}
