package org.bert4rec.cli;

import java.util.concurrent.Callable;
import org.bert4rec.utils.tracking.Tracker;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A pipeline stage as a subcommand: resolves the project, opens the stage's tracking run, runs the stage and ends
 * the run FINISHED, or FAILED when the stage throws (the exception then reaches the launcher, which prints it and
 * exits non-zero).
 */
public abstract class StageCommand implements Callable<Integer> {

    @Mixin
    protected ProjectOptions projectOptions;

    @Mixin
    protected TrackingOptions trackingOptions;

    /** Tag holding the command line the stage ran with, for reruns from the MLflow UI. */
    static final String TAG_COMMAND = "bert4rec.command";

    @Spec
    protected CommandSpec spec;

    /** The stage's name as the seed pipeline spells it (e.g. {@code train_val}); names the tracking run. */
    protected abstract String stageName();

    /** Does the stage's work; returns the exit code. */
    protected abstract int run(StageContext ctx) throws Exception;

    @Override
    public final Integer call() throws Exception {
        var layout = projectOptions.layout();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Tracker tracker = openTracker(new StageContext(layout, projectOptions.seed(), out, err, Tracker.none()));
        var ctx = new StageContext(layout, projectOptions.seed(), out, err, tracker);
        boolean failed = true;
        try {
            int code = run(ctx);
            failed = code != 0;
            return code;
        } finally {
            tracker.end(failed);
            out.flush();
            err.flush();
        }
    }

    /**
     * The tracking run for this stage: an MLflow run named after {@link #stageName()} in the project's current
     * experiment (see {@link TrackingOptions}), tagged with the command line.
     */
    protected Tracker openTracker(StageContext ctx) {
        Tracker tracker = trackingOptions.open(ctx.layout(), stageName(), ctx::warn);
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null) {
            tracker.setTag(TAG_COMMAND, "bert4rec " + String.join(" ", parsed.originalArgs()));
        }
        return tracker;
    }
}
