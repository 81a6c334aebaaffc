package org.bert4rec.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.bert4rec.utils.FlagValueException;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.runtime.PassiveOpenMp;
import org.bert4rec.utils.runtime.ModelThreads;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bert4rec} launcher. Exit codes: 0 success, 1 runtime error (bad input included), 2 usage error.
 */
@Command(name = "bert4rec", mixinStandardHelpOptions = true, version = "bert4rec 0.1.0",
        description = "BERT4Rec next-item recommender pipeline: raw -> all -> train_val -> test -> inference.",
        subcommandsRepeatable = false)
public final class Bert4RecCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with every subcommand registered; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bert4RecCli());
        // Subcommands, in pipeline order. Aliases keep the seed's spellings working.
        cl.addSubcommand(new DemoDataCommand());
        cl.addSubcommand(new RawCommand());
        cl.addSubcommand(new AllCommand());
        cl.addSubcommand(new TrainValCommand());
        cl.addSubcommand(new TestCommand());
        cl.addSubcommand(new InferenceCommand());
        cl.addSubcommand(new PredictCommand());
        cl.addSubcommand(new MakeExpCommand());
        cl.addSubcommand(new DvcCreateCommand());
        cl.setExecutionExceptionHandler(Bert4RecCli::handleException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handleException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        // A flag value that only the stage can judge (a non-positive batch size, say): still a usage error.
        CommandLine failed = e instanceof CommandLine.ParameterException pe ? pe.getCommandLine()
                : e instanceof FlagValueException ? cl : null;
        if (failed != null) {
            err.println("error: " + e.getMessage());
            err.println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        }
        if (e instanceof UserInputException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: " + e);
            if (System.getenv("BERT4REC_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set BERT4REC_DEBUG=1 for the stack trace)");
            }
        }
        err.flush();
        return 1;
    }

    /** Subcommands that run the network; only these pay for a child JVM (see {@link PassiveOpenMp}). */
    private static final Set<String> MODEL_COMMANDS = Set.of("train_val", "train-val", "test", "inference",
            "predict");
    /**
     * Model commands that score rather than train, for seconds rather than hours: their child JVM compiles with C1
     * only (C2's compiler threads took the cores from the forward pass: ML-1m inference ran in 4.8 s instead of
     * 6.1; training keeps C2, whose code is 6 % faster per step once compiled). See docs/BENCHMARKS.md.
     */
    private static final Set<String> SCORING_COMMANDS = Set.of("test", "inference", "predict");
    private static final List<String> SCORING_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    public static void main(String[] args) {
        Optional<String> command = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        if (command.filter(MODEL_COMMANDS::contains).isPresent()) {
            boolean scoring = command.filter(SCORING_COMMANDS::contains).isPresent();
            // every model command: single-threaded ops, one model replica per core (ModelThreads)
            OptionalInt code = PassiveOpenMp.relaunch(Bert4RecCli.class, args,
                    scoring ? SCORING_JVM_OPTIONS : List.of(), ModelThreads.SINGLE_THREADED_OPS);
            if (code.isPresent()) {
                System.exit(code.getAsInt());
            }
        }
        System.exit(commandLine().execute(args));
    }
}
