package org.bert4rec.utils.dvc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One stage of dvc.yaml.
 *
 * @param name    the stage's name (the seed's: {@code data_processing_raw_<task>}, {@code train_val}, ...)
 * @param cmd     the shell command DVC runs
 * @param deps    files and folders the stage reads, relative to the repository root
 * @param outs    files and folders it writes
 * @param metrics metrics files it writes (also outputs, for DVC)
 * @param desc    a description, or empty
 */
public record DvcStage(String name, String cmd, List<String> deps, List<DvcOut> outs, List<DvcOut> metrics,
                       Optional<String> desc) {

    /** The launcher jar every stage runs, as the commands name it. */
    public static final String JAR_COMMAND = "java -jar launcher/target/bert4rec.jar";

    public DvcStage {
        deps = List.copyOf(deps);
        outs = List.copyOf(outs);
        metrics = List.copyOf(metrics);
    }

    /** Outputs and metrics files: everything DVC considers written by this stage. */
    public List<DvcOut> allOuts() {
        List<DvcOut> all = new ArrayList<>(outs);
        all.addAll(metrics);
        return all;
    }

    /**
     * The bert4rec arguments of the command, when it runs the launcher jar ({@code java -jar
     * launcher/target/bert4rec.jar ARGS}): lets a test run the stage in-process. Arguments are separated by
     * spaces; our commands quote nothing.
     */
    public Optional<List<String>> bert4recArgs() {
        String c = cmd.strip();
        if (!c.startsWith(JAR_COMMAND + " ")) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(c.substring(JAR_COMMAND.length()).strip().split("\\s+")));
    }

    /** A copy with other outputs. */
    public DvcStage withOuts(List<DvcOut> newOuts) {
        return new DvcStage(name, cmd, deps, newOuts, metrics, desc);
    }
}
