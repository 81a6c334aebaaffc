package org.bert4rec.train.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * Finds what {@code test}, {@code inference} and {@code predict} need from a trained model, and says which stage
 * makes whatever is missing.
 *
 * <p>As in the seed: with {@code --model_name M} the configs come from {@code models/M/config/}; without it, the
 * project's own {@code config/} names the last trained model ({@code train_config_<p>.json}'s {@code model_name})
 * and its configs are used. The weights are the checkpoint the model folder's {@code checkpoint} file names (what
 * {@code train_val} writes last), else its {@code ckpt-<step>} folder with the highest step.
 *
 * @param layout    the project
 * @param name      the model name
 * @param dir       {@code models/<name>}
 * @param configDir where the configs are read from
 */
public record ModelFolder(ProjectLayout layout, String name, Path dir, Path configDir) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CKPT = Pattern.compile("ckpt-(\\d+)");
    private static final Pattern POINTER = Pattern.compile("\"([^\"]+)\"");
    static final String POINTER_FILE = "checkpoint";

    /**
     * @param modelName {@code --model_name}, or null for the last trained model
     * @throws UserInputException when the model folder, or the config naming the last model, does not exist
     */
    public static ModelFolder resolve(ProjectLayout layout, String modelName) {
        if (modelName != null) {
            Path dir = layout.modelDir(modelName);
            requireModelDir(layout, modelName, dir);
            return new ModelFolder(layout, modelName, dir, dir.resolve("config"));
        }
        Path trainConfig = trainConfigFile(layout.config(), layout.project());
        if (!Files.isRegularFile(trainConfig)) {
            throw new UserInputException("no --model_name given and " + trainConfig + " (written by train_val)"
                    + " does not exist: train a model with bert4rec train_val, or pass --model_name"
                    + available(layout));
        }
        String name;
        try {
            JsonNode node = JSON.readTree(trainConfig.toFile()).get("model_name");
            name = node == null || !node.isTextual() ? null : node.asText();
        } catch (IOException e) {
            throw new UserInputException(trainConfig + " is not valid JSON (" + e.getMessage()
                    + "): run bert4rec train_val again, or pass --model_name");
        }
        if (name == null || name.isBlank()) {
            throw new UserInputException(trainConfig + " has no model_name: pass --model_name" + available(layout));
        }
        Path dir = layout.modelDir(name);
        requireModelDir(layout, name, dir);
        return new ModelFolder(layout, name, dir, layout.config());
    }

    /** {@code <configDir>/bert_config_<p>.json}. */
    public Path bertConfig() {
        return require(configDir.resolve("bert_config_" + layout.project() + ".json"), "train_val");
    }

    /** {@code <configDir>/data_config_<p>.json}. */
    public Path dataConfig() {
        return require(configDir.resolve("data_config_" + layout.project() + ".json"), "all (copied by train_val)");
    }

    /** The checkpoint folder to load. */
    public Path checkpoint() {
        Path pointer = dir.resolve(POINTER_FILE);
        if (Files.isRegularFile(pointer)) {
            try {
                Matcher m = POINTER.matcher(Files.readString(pointer, StandardCharsets.UTF_8));
                if (m.find()) {
                    Path named = dir.resolve(m.group(1));
                    if (Files.isDirectory(named)) {
                        return named;
                    }
                }
            } catch (IOException e) {
                // fall through to the newest checkpoint folder
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) && CKPT.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparingLong(ModelFolder::stepOf))
                    .orElseThrow(() -> new UserInputException("model folder " + dir + " has no checkpoint"
                            + " (ckpt-<step>/ folders, written by train_val): train the model with bert4rec"
                            + " train_val --model_name " + name));
        } catch (IOException e) {
            throw new UserInputException("could not list model folder " + dir + ": " + e.getMessage());
        }
    }

    /** {@code results/<name>}. */
    public Path resultsDir() {
        return layout.resultsDir(name);
    }

    /** {@code <file>} if it exists; otherwise an error naming it and the stage that writes it. */
    public Path require(Path file, String stage) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("model " + name + " is incomplete: " + file + " is missing (written by "
                    + stage + "); run that stage again for this model");
        }
        return file;
    }

    static Path trainConfigFile(Path configDir, String project) {
        return configDir.resolve("train_config_" + project + ".json");
    }

    private static long stepOf(Path p) {
        Matcher m = CKPT.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void requireModelDir(ProjectLayout layout, String name, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("model folder " + dir + " does not exist (train_val makes it): train it"
                    + " with bert4rec train_val --model_name " + name + ", or pass --model_name" + available(layout));
        }
    }

    /** " with one of: a, b" listing the model folders, or " (no model is trained yet)". */
    private static String available(ProjectLayout layout) {
        if (!Files.isDirectory(layout.models())) {
            return " (no model is trained yet)";
        }
        try (Stream<Path> s = Files.list(layout.models())) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? " (no model is trained yet)" : " with one of: " + String.join(", ", names);
        } catch (IOException e) {
            return "";
        }
    }
}
