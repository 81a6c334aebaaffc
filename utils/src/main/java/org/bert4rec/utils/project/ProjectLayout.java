package org.bert4rec.utils.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.utils.FlagValueException;
import org.bert4rec.utils.UserInputException;

/**
 * The folder layout of the seed pipeline (BERT4Rec_tf2x_prod_pipeline), kept so that its users find every file
 * where they expect it.
 *
 * <pre>
 * &lt;root&gt;/config/project_run_now.txt         the current project's name
 * &lt;root&gt;/config/bert_config.json             the model config template
 * &lt;root&gt;/projects/&lt;p&gt;/data/{external,interim,processed}
 * &lt;root&gt;/projects/&lt;p&gt;/{references,models,results,config}
 * </pre>
 *
 * @param root    the repository root (holds {@code config/} and {@code projects/})
 * @param project the project name
 */
public record ProjectLayout(Path root, String project) {

    public ProjectLayout {
        if (project == null || project.isBlank() || project.contains("/") || project.contains("\\")) {
            throw new FlagValueException("--project: expected a folder name under projects/, got '" + project + "'");
        }
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The layout for {@code project}, or, when it is null, for the project named in
     * {@code config/project_run_now.txt}.
     */
    public static ProjectLayout resolve(Path root, String project) {
        if (project != null) {
            return new ProjectLayout(root, project);
        }
        Path runNow = root.resolve("config").resolve("project_run_now.txt");
        if (!Files.isRegularFile(runNow)) {
            throw new UserInputException("no --project given and " + runNow
                    + " does not exist: pass --project <name> or write the project name into that file");
        }
        try {
            String name = Files.readString(runNow, StandardCharsets.UTF_8).trim();
            if (name.isEmpty()) {
                throw new UserInputException(runNow + " is empty: write the project name into it or pass --project");
            }
            return new ProjectLayout(root, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <root>/config}: templates shared by all projects. */
    public Path rootConfig() {
        return root.resolve("config");
    }

    /** {@code <root>/projects/<p>}. */
    public Path projectDir() {
        return root.resolve("projects").resolve(project);
    }

    public Path external() {
        return projectDir().resolve("data").resolve("external");
    }

    public Path interim() {
        return projectDir().resolve("data").resolve("interim");
    }

    public Path processed() {
        return projectDir().resolve("data").resolve("processed");
    }

    public Path references() {
        return projectDir().resolve("references");
    }

    /** {@code references/dics}: the uid dictionary lives here. */
    public Path dics() {
        return references().resolve("dics");
    }

    public Path models() {
        return projectDir().resolve("models");
    }

    public Path results() {
        return projectDir().resolve("results");
    }

    /** {@code projects/<p>/config}: the project's own configs (bert, data, train, mlflow). */
    public Path config() {
        return projectDir().resolve("config");
    }

    /** {@code projects/<p>/models/<model_name>}. */
    public Path modelDir(String modelName) {
        return models().resolve(modelName);
    }

    /** {@code projects/<p>/results/<model_name>}. */
    public Path resultsDir(String modelName) {
        return results().resolve(modelName);
    }

    /** Creates every folder of the project layout that does not exist yet. */
    public void createFolders() {
        try {
            for (Path p : new Path[] {external(), interim(), processed(), references(), dics(), models(), results(),
                    config()}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the folders of project " + project + ": "
                    + e.getMessage(), e);
        }
    }
}
