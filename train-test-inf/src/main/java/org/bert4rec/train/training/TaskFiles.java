package org.bert4rec.train.training;

import java.nio.file.Path;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * The TFRecords {@code all} wrote for a task, named as the seed named them.
 *
 * @param training   masked training instances
 * @param validation the held-out validation item of each user
 */
public record TaskFiles(Path training, Path validation) {

    public static TaskFiles of(ProjectLayout layout, String task) {
        String p = layout.project();
        Path dir = layout.processed();
        return switch (task) {
            case "train_val_test" -> new TaskFiles(dir.resolve(p + ".train_val_test.train_val.tfrecord"),
                    dir.resolve(p + ".train_val_test.val.tfrecord"));
            case "train_val" -> new TaskFiles(dir.resolve(p + ".train_val.tfrecord"),
                    dir.resolve(p + ".train_val.val.tfrecord"));
            default -> throw new UserInputException("data config of project " + p + " has task '" + task
                    + "', which prepares no training data: run bert4rec raw and all with --task train_val_test or"
                    + " train_val");
        };
    }
}
