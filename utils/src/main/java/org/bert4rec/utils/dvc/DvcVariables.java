package org.bert4rec.utils.dvc;

import java.util.List;
import java.util.regex.Pattern;
import org.bert4rec.utils.FlagValueException;

/**
 * What {@code dvc-create} fills into the template (the seed's dvc_create.py flags, plus the training task).
 *
 * @param project         the project folder under projects/
 * @param modelName       {@code --model_name}: the model folder train_val writes and test/inference read
 * @param task            the training task whose data stages the pipeline holds: train_val_test or train_val
 * @param embeddings      {@code --is_embeddings}: inference writes user embeddings
 * @param itemPredictions {@code --is_items_preds}: inference writes next-item predictions
 */
public record DvcVariables(String project, String modelName, String task, boolean embeddings,
                           boolean itemPredictions) {

    /** The tasks that train a model; each has its own raw and all stages writing the same vocabulary. */
    public static final List<String> TRAINING_TASKS = List.of("train_val_test", "train_val");

    /** Names that stay one path segment and one YAML word. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    public DvcVariables {
        if (!NAME.matcher(project).matches()) {
            throw new FlagValueException("--project: '" + project + "' must be a folder name of letters, digits,"
                    + " '_', '.', '-' to be used in dvc.yaml");
        }
        if (!NAME.matcher(modelName).matches()) {
            throw new FlagValueException("--model_name: '" + modelName + "' must be a folder name of letters,"
                    + " digits, '_', '.', '-'");
        }
        if (!TRAINING_TASKS.contains(task)) {
            throw new FlagValueException("--task: expected train_val_test or train_val (the task that trains the"
                    + " model), got '" + task + "'");
        }
    }

    /** The training instances of the task, relative to the repository root. */
    String trainTfrecord() {
        return processed(task.equals("train_val_test") ? ".train_val_test.train_val" : ".train_val");
    }

    /** The validation instances of the task. */
    String valTfrecord() {
        return processed(task.equals("train_val_test") ? ".train_val_test.val" : ".train_val.val");
    }

    /** What the test stage evaluates: the held-out split, or the test task's file for a train_val model. */
    String testTfrecord() {
        return processed(task.equals("train_val_test") ? ".train_val_test.test" : ".test");
    }

    private String processed(String suffix) {
        return "projects/" + project + "/data/processed/" + project + suffix + ".tfrecord";
    }
}
