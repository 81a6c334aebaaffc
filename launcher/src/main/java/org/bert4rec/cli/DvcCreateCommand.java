package org.bert4rec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bert4rec.utils.dvc.DvcPipeline;
import org.bert4rec.utils.dvc.DvcTemplate;
import org.bert4rec.utils.dvc.DvcVariables;
import org.bert4rec.utils.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bert4rec dvc-create}: the seed's src/utils/dvc_create.py. Renders {@code config/dvc_template.yaml} for the
 * current project into {@code dvc.yaml} at the repository root, and keeps a copy in {@code projects/<p>/config/}.
 */
@Command(name = "dvc-create", aliases = "dvc_create", mixinStandardHelpOptions = true,
        description = "Write dvc.yaml (and projects/<p>/config/dvc.yaml) for the project from"
                + " config/dvc_template.yaml.")
public final class DvcCreateCommand implements Callable<Integer> {

    /** The seed's default model folder name for DVC pipelines. */
    static final String DEFAULT_MODEL_NAME = "final_model";

    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--model_name", defaultValue = DEFAULT_MODEL_NAME,
            description = "Model folder train_val writes and test/inference read (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--task", defaultValue = "train_val_test",
            description = "Training task whose data stages the pipeline holds: train_val_test or train_val"
                    + " (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--is_embeddings", arity = "0..1", preprocessor = BooleanFlag.class, defaultValue = "true", fallbackValue = "true",
            description = "Inference writes user embeddings, declared as DVC outputs: true or false"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean embeddings;

    @Option(names = "--is_items_preds", arity = "0..1", preprocessor = BooleanFlag.class, defaultValue = "true", fallbackValue = "true",
            description = "Inference writes next-item predictions, declared as DVC outputs: true or false"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean itemPredictions;

    @Option(names = "--template", paramLabel = "FILE",
            description = "Template to render (default: config/dvc_template.yaml under --root).")
    Path template;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var layout = projectOptions.layout();
        DvcVariables vars = new DvcVariables(layout.project(), modelName, task, embeddings, itemPredictions);
        Path templateFile = template != null ? template : layout.rootConfig().resolve("dvc_template.yaml");
        DvcPipeline pipeline = DvcTemplate.render(templateFile, vars, layout.root());
        String yaml = DvcTemplate.dvcYaml(pipeline, vars);
        Path main = layout.root().resolve("dvc.yaml");
        Path copy = layout.config().resolve("dvc.yaml");
        AtomicFiles.writeString(main, yaml);
        AtomicFiles.writeString(copy, yaml);
        var out = spec.commandLine().getOut();
        out.printf("wrote %s and %s: %d stages for project %s, model %s, task %s%n", main, copy,
                pipeline.stages().size(), layout.project(), modelName, task);
        out.flush();
        return 0;
    }
}
