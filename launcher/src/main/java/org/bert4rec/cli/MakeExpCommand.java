package org.bert4rec.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.bert4rec.utils.tracking.ExperimentMaker;
import org.bert4rec.utils.tracking.MlflowConfigFile;
import org.bert4rec.utils.tracking.TrackingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bert4rec make-exp}: the seed's src/utils/make_exp.py, which the Makefile runs before every target. Creates
 * the experiment {@code bert4rec_<stage>_<datetime>_<git branch>} and records it as {@code last_experiment_name} in
 * {@code projects/<p>/config/config_mlflow.yaml}, so the stages that follow log into it.
 */
@Command(name = "make-exp", aliases = "make_exp", mixinStandardHelpOptions = true,
        description = "Create a new MLflow experiment bert4rec_<stage>_<datetime>_<git branch> for the project and"
                + " make it the one stages log into (last_experiment_name in config_mlflow.yaml).")
public final class MakeExpCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--stage", paramLabel = "NAME",
            description = "Stage the experiment is for (default: the first line of config/new_experiment_stage.txt,"
                    + " which the Makefile writes).")
    String stage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var layout = projectOptions.layout();
        var err = spec.commandLine().getErr();
        String s = stage != null ? stage : ExperimentMaker.stageFromFile(layout);
        ExperimentMaker.Made made = ExperimentMaker.make(layout, s, TrackingSettings.load(layout.root()),
                m -> {
                    err.println("warning: " + m);
                    err.flush();
                }, Clock.systemDefaultZone());
        spec.commandLine().getOut().printf("experiment '%s' (id %s) in %s%n  recorded as last_experiment_name in %s%n",
                made.name(), made.id(), made.store(), layout.config().resolve(MlflowConfigFile.FILE_NAME));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
