package org.bert4rec.cli;

import org.bert4rec.utils.FlagValueException;
import picocli.CommandLine.Option;

/** Options of the stages that use a trained model ({@code test}, {@code inference}, {@code predict}). */
public final class ModelOptions {
    /**
     * Rows per forward pass. The seed used 64; 256 scores ML-1m's 6,040 users in 6.0 s instead of 7.9 s here
     * (batched products are more efficient), and 1024 is slower again (docs/BENCHMARKS.md).
     */
    public static final int DEFAULT_BATCH_SIZE = 256;

    @Option(names = "--model_name", paramLabel = "NAME",
            description = "Model folder under projects/<p>/models/ (default: the last trained model, named in"
                    + " projects/<p>/config/train_config_<p>.json).")
    String modelName;

    @Option(names = "--use_tpu", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false", paramLabel = "BOOL",
            description = "Accepted for the seed's scripts and ignored: there is no TPU backend (default:"
                    + " ${DEFAULT-VALUE}).")
    boolean useTpu;

    @Option(names = "--batch_size", paramLabel = "N", defaultValue = "" + DEFAULT_BATCH_SIZE,
            description = "Sequences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    public String modelName() {
        return modelName;
    }

    /** The batch size; refuses values below 1 as a usage error. */
    public int batchSize() {
        if (batchSize < 1) {
            throw new FlagValueException("--batch_size: expected a positive number, got " + batchSize);
        }
        return batchSize;
    }

    /** Warns about accepted-but-ignored seed flags. */
    public void warnIgnored(StageContext ctx) {
        if (useTpu) {
            ctx.warn("--use_tpu is ignored: this pipeline runs on the CPU (or a GPU build with -Pcuda)");
        }
    }
}
