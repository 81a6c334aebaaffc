package org.bert4rec.cli;

import org.bert4rec.train.training.TrainValOptions;
import org.bert4rec.train.training.TrainValStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code train_val}: trains the project's BERT4Rec and validates it (the seed's train_val.py, same flags).
 */
@Command(name = "train_val", aliases = "train-val", mixinStandardHelpOptions = true,
        description = "Train a BERT4Rec on the project's training TFRecord, checkpointing into "
                + "projects/<p>/models/<model_name>/, then validate on the held-out items.")
public final class TrainValCommand extends StageCommand {

    @Option(names = "--model_name", paramLabel = "NAME",
            description = "Model folder under models/ (default: hs<hidden>_msl<len>_mpps<preds>_nts<steps>_lr<lr>).")
    String modelName;

    @Option(names = "--save_checkpoints_steps", defaultValue = "1000", paramLabel = "N",
            description = "Steps between checkpoints; the last 5 are kept (default: ${DEFAULT-VALUE}).")
    long saveCheckpointsSteps;

    @Option(names = "--learning_rate", defaultValue = "2e-3", paramLabel = "LR",
            description = "Peak learning rate after warm-up (default: ${DEFAULT-VALUE}; the seed's 1e-4 learns"
                    + " too slowly for CPU budgets).")
    double learningRate;

    @Option(names = "--num_train_steps", defaultValue = "10000", paramLabel = "N",
            description = "Optimizer steps in all, where the learning rate has decayed to 0; a rerun with more"
                    + " resumes (default: ${DEFAULT-VALUE}, about an hour for ML-1m on 2 cores).")
    long numTrainSteps;

    @Option(names = "--num_warmup_steps", defaultValue = "100", paramLabel = "N",
            description = "Steps of linear learning-rate warm-up (default: ${DEFAULT-VALUE}).")
    long numWarmupSteps;

    @Option(names = "--batch_size_train", defaultValue = "128", paramLabel = "N",
            description = "Sequences per training step (default: ${DEFAULT-VALUE}).")
    int batchSizeTrain;

    @Option(names = "--batch_size_val", defaultValue = "256", paramLabel = "N",
            description = "Sequences per validation batch (default: ${DEFAULT-VALUE}).")
    int batchSizeVal;

    @Option(names = "--is_train", defaultValue = "true", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Train; false only validates an existing model (default: ${DEFAULT-VALUE}).")
    boolean isTrain;

    @Option(names = "--is_evaluate", defaultValue = "true", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Validate after training on the validation TFRecord (default: ${DEFAULT-VALUE}).")
    boolean isEvaluate;

    @Option(names = "--fast_eval", defaultValue = "false", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Accepted for the seed's sake; validation always ranks every user (default: ${DEFAULT-VALUE}).")
    boolean fastEval;

    @Option(names = "--save_predictions_file", defaultValue = "false", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Write per-user validation predictions to results/<model_name>/ (default: ${DEFAULT-VALUE}).")
    boolean savePredictionsFile;

    @Option(names = "--training_time_limit_seconds", paramLabel = "S",
            description = "Stop training after S seconds in this run, saving a checkpoint (default: no limit).")
    Long trainingTimeLimitSeconds;

    @Option(names = "--use_tpu", arity = "0..1", fallbackValue = "true", preprocessor = BooleanFlag.class,
            paramLabel = "BOOL", description = "Accepted for the seed's sake and ignored, with a warning.")
    Boolean useTpu;

    @Option(names = "--shuffle_buffer", defaultValue = "10000", paramLabel = "N",
            description = "Training records held in the shuffle buffer (default: ${DEFAULT-VALUE}).")
    int shuffleBuffer;

    @Option(names = "--log_every_steps", defaultValue = "10", paramLabel = "N",
            description = "Steps between curve points and progress lines (default: ${DEFAULT-VALUE}).")
    int logEverySteps;

    @Option(names = "--adam_bias_correction", defaultValue = "true", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Adam with bias correction, as PyTorch's AdamW; false is BERT's optimizer, whose early"
                    + " steps are several times the learning rate (default: ${DEFAULT-VALUE}).")
    boolean adamBiasCorrection;

    @Option(names = "--dynamic_masking", defaultValue = "true", arity = "0..1", fallbackValue = "true",
            preprocessor = BooleanFlag.class, paramLabel = "BOOL",
            description = "Mask each training instance afresh each time it is read, with the data config's masking"
                    + " rule (RoBERTa's dynamic masking); mask-last instances stay as written (default:"
                    + " ${DEFAULT-VALUE}).")
    boolean dynamicMasking;

    @Override
    protected String stageName() {
        return "train_val";
    }

    @Override
    protected int run(StageContext ctx) {
        positive("--learning_rate", learningRate);
        positive("--num_train_steps", numTrainSteps);
        positive("--save_checkpoints_steps", saveCheckpointsSteps);
        positive("--batch_size_train", batchSizeTrain);
        positive("--batch_size_val", batchSizeVal);
        positive("--shuffle_buffer", shuffleBuffer);
        positive("--log_every_steps", logEverySteps);
        if (numWarmupSteps < 0) {
            throw new ParameterException(spec.commandLine(), "--num_warmup_steps: expected 0 or more, got "
                    + numWarmupSteps);
        }
        if (trainingTimeLimitSeconds != null) {
            positive("--training_time_limit_seconds", trainingTimeLimitSeconds);
        }
        if (useTpu != null) {
            ctx.warn("--use_tpu is ignored: this tool trains on the CPU, or on a GPU when built with -Pcuda");
        }
        var options = new TrainValOptions(modelName, saveCheckpointsSteps, learningRate, numTrainSteps,
                numWarmupSteps, batchSizeTrain, batchSizeVal, isTrain, isEvaluate, fastEval, savePredictionsFile,
                trainingTimeLimitSeconds, shuffleBuffer, logEverySteps, adamBiasCorrection, dynamicMasking);
        var result = new TrainValStage(ctx.layout(), options, ctx.seed(), ctx.tracker(), ctx.out(), ctx.err()).run();
        ctx.out().println("model: " + result.modelDir() + " (step " + result.step() + ")");
        result.validationResults().ifPresent(p -> ctx.out().println("validation results: " + p));
        return 0;
    }

    private void positive(String flag, double value) {
        if (!(value > 0)) {
            throw new ParameterException(spec.commandLine(), flag + ": expected a positive number, got " + value);
        }
    }
}
