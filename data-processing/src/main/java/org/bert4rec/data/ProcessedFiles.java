package org.bert4rec.data;

import java.nio.file.Path;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * Where the {@code all} stage writes, named as the seed names them, so that later stages (and seed users) find
 * them: {@code data/processed/<p>.train_val_test.{train_val,val,test}.tfrecord}, {@code <p>.train_val.tfrecord},
 * {@code <p>.train_val.val.tfrecord}, {@code <p>.test.tfrecord}, {@code <p>.inference.tfrecord}, the vocabulary
 * {@code references/<p>.vocab} and {@code config/data_config_<p>.json}.
 */
public final class ProcessedFiles {
    private static final String EXT = ".tfrecord";

    private ProcessedFiles() {
    }

    /** Training instances of a training task. */
    public static Path train(ProjectLayout l, Task task) {
        return switch (task) {
            case train_val_test -> file(l, ".train_val_test.train_val");
            case train_val -> file(l, ".train_val");
            default -> throw new IllegalArgumentException("task " + task + " has no training file");
        };
    }

    /** Validation instances (last item of the training part masked) of a training task. */
    public static Path validation(ProjectLayout l, Task task) {
        return switch (task) {
            case train_val_test -> file(l, ".train_val_test.val");
            case train_val -> file(l, ".train_val.val");
            default -> throw new IllegalArgumentException("task " + task + " has no validation file");
        };
    }

    /** Test or inference instances (each chain's last item masked). */
    public static Path test(ProjectLayout l, Task task) {
        return switch (task) {
            case train_val_test -> file(l, ".train_val_test.test");
            case test -> file(l, ".test");
            case inference -> file(l, ".inference");
            default -> throw new IllegalArgumentException("task " + task + " has no test file");
        };
    }

    public static Path vocab(ProjectLayout l) {
        return l.references().resolve(l.project() + ".vocab");
    }

    public static Path dataConfig(ProjectLayout l) {
        return DataConfig.path(l.config(), l.project());
    }

    /**
     * The data config {@code all} writes for {@code task}: the seed's {@code data_config_<p>.json} for the training
     * tasks (train_val reads it), {@code data_config_<p>_<task>.json} for test and inference.
     */
    public static Path dataConfig(ProjectLayout l, Task task) {
        return task.trains() ? dataConfig(l) : l.config().resolve("data_config_" + l.project() + "_" + task + ".json");
    }

    public static Path bertConfig(ProjectLayout l) {
        return l.config().resolve("bert_config_" + l.project() + ".json");
    }

    private static Path file(ProjectLayout l, String suffix) {
        return l.processed().resolve(l.project() + suffix + EXT);
    }
}
