package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.git.GitProbe;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * The seed's make_exp.py: a new experiment {@code bert4rec_<stage>_<datetime>_<git branch>} in the tracking store,
 * recorded as {@code last_experiment_name} in the project's config_mlflow.yaml so that the stages that follow log
 * into it. The Makefile calls it before every target.
 */
public final class ExperimentMaker {
    private ExperimentMaker() {
    }

    /** {@code config/new_experiment_stage.txt}: the Makefile writes the target's name here. */
    public static final String STAGE_FILE = "new_experiment_stage.txt";

    /** Python's {@code str(datetime.now())}, which the seed put into experiment names. */
    static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Python drops the fraction when the microseconds are zero. */
    static final DateTimeFormatter PYTHON_DATETIME_WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Used in the name when the repository root is not a git work tree. */
    static final String NO_BRANCH = "no-git";

    /**
     * The experiment made.
     *
     * @param name  its name
     * @param id    its id in the store
     * @param store where it was made (file URI or server URL)
     */
    public record Made(String name, String id, String store) {
    }

    /** The stage named in {@code <root>/config/new_experiment_stage.txt} (first line). */
    public static String stageFromFile(ProjectLayout layout) {
        Path file = layout.rootConfig().resolve(STAGE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: write the stage name into it (the Makefile does) "
                    + "or pass --stage");
        }
        try {
            String stage = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (stage.isEmpty()) {
                throw new UserInputException(file + " is empty: write the stage name into it or pass --stage");
            }
            return stage;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code str(datetime)} as Python prints it. */
    static String pythonDateTime(LocalDateTime t) {
        return t.getNano() / 1000 == 0 ? t.format(PYTHON_DATETIME_WHOLE) : t.format(PYTHON_DATETIME);
    }

    /** Creates the experiment for {@code stage} and records it in the project's config_mlflow.yaml. */
    public static Made make(ProjectLayout layout, String stage, TrackingSettings settings, Consumer<String> warn,
                            Clock clock) {
        String branch = new GitProbe(layout.root()).branch().orElse(NO_BRANCH);
        String name = "bert4rec_" + stage + "_" + pythonDateTime(LocalDateTime.now(clock)) + "_" + branch;
        Made made = TrackingStores.withFallback(settings, layout.root(), clock, warn, store -> {
            try {
                ExperimentRef ref = TrackingStores.experiment(store, name);
                return new Made(ref.name(), ref.id(), store.describe());
            } finally {
                store.close();
            }
        });
        MlflowConfigFile.in(layout.config()).withLastExperimentName(made.name()).write();
        return made;
    }
}
