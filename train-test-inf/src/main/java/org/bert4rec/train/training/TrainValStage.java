package org.bert4rec.train.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.ProcessedFiles;
import org.bert4rec.data.all.DynamicMasking;
import org.bert4rec.model.Bert4RecConfig;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tracking.Tracker;

/**
 * The {@code train_val} stage (the seed's train_val.py): trains a BERT4Rec on the training TFRecord of the project's
 * task, checkpointing into {@code models/<model_name>/}, then validates on the held-out items of the validation
 * TFRecord (the seed validated on the training file, which measured nothing).
 *
 * <p>A rerun with a larger num_train_steps resumes from the latest checkpoint; a rerun with nothing left to train
 * goes straight to validation, as the seed's estimator did.
 */
public final class TrainValStage {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProjectLayout layout;
    private final TrainValOptions options;
    private final long seed;
    private final Tracker tracker;
    private final PrintWriter out;
    private final PrintWriter err;

    public TrainValStage(ProjectLayout layout, TrainValOptions options, long seed, Tracker tracker, PrintWriter out,
            PrintWriter err) {
        this.layout = layout;
        this.options = options;
        this.seed = seed;
        this.tracker = tracker;
        this.out = out;
        this.err = err;
    }

    /** What the stage produced. */
    public record Result(String modelName, Path modelDir, long step, Optional<Path> validationResults) {
    }

    public Result run() {
        String p = layout.project();
        DataConfig data = DataConfig.load(DataConfig.path(layout.config(), p));
        Path bertConfigFile = layout.config().resolve("bert_config_" + p + ".json");
        if (!Files.isRegularFile(bertConfigFile)) {
            throw new UserInputException("bert config " + bertConfigFile + " does not exist: run bert4rec all first"
                    + " (it writes the config with vocab_size filled in)");
        }
        Bert4RecConfig bert = Bert4RecConfig.load(bertConfigFile);
        checkConsistent(bert, data, bertConfigFile);
        TaskFiles files = TaskFiles.of(layout, data.task());

        String modelName = options.modelName() != null ? options.modelName()
                : ModelNames.automatic(bert.hiddenSize(), data.maxSeqLength(), data.maxPredictionsPerSeq(),
                        options.numTrainSteps(), options.learningRate());
        Path modelDir = layout.modelDir(modelName);
        TrainConfig trainConfig = trainConfig(modelName, bert, data);
        writeJson(layout.config().resolve("train_config_" + p + ".json"), trainConfig);
        tracker.logParams(TrainConfigParams.of(trainConfig, bert));
        tracker.setTag("model_name", modelName);

        CheckpointManager checkpoints = new CheckpointManager(modelDir, CheckpointManager.DEFAULT_KEEP);
        TrainingHyperparams hyper = TrainingHyperparams.bert(options.learningRate(), options.numTrainSteps(),
                options.numWarmupSteps()).withBiasCorrection(options.adamBiasCorrection());
        Bert4RecModel model;
        long step;
        if (options.isTrain()) {
            model = train(checkpoints, bert, data, files, hyper);
        } else {
            model = checkpoints.restoreLatest(err, null).map(CheckpointManager.Restored::model).orElseThrow(() ->
                    new UserInputException("--is_train false but " + modelDir + " holds no checkpoint: train first"
                            + " (--is_train true) or name a trained model with --model_name"));
        }
        step = model.step();
        copyConfigs(modelDir.resolve("config"), bertConfigFile, trainConfig);

        Optional<Path> results = Optional.empty();
        if (options.isEvaluate()) {
            if (options.fastEval()) {
                err.println("warning: --fast_eval is kept for compatibility only: validation always ranks every"
                        + " user (it is fast now)");
            }
            results = Optional.of(new Validation(layout, modelName, options.batchSizeVal(),
                    options.savePredictionsFile(), tracker, out).run(model, files.validation(), data));
        }
        model.close();
        tracker.logArtifact(modelDir, "model");
        return new Result(modelName, modelDir, step, results);
    }

    private Bert4RecModel train(CheckpointManager checkpoints, Bert4RecConfig bert, DataConfig data,
            TaskFiles files, TrainingHyperparams hyper) {
        Optional<CheckpointManager.Restored> restored = checkpoints.restoreLatest(err, hyper);
        Bert4RecModel model;
        TrainerState state;
        if (restored.isPresent()) {
            model = restored.get().model();
            state = restored.get().state();
            out.println("resuming " + restored.get().folder() + " at step " + state.step());
        } else {
            model = Bert4RecModel.initialize(bert, hyper, seed);
            state = new TrainerState(0, 0, 0);
        }
        if (model.step() >= options.numTrainSteps()) {
            out.println("model already trained to step " + model.step() + " (num_train_steps "
                    + options.numTrainSteps() + "): nothing left to train");
            return model;
        }
        DynamicMasking remasking = options.dynamicMasking() ? dynamicMasking(data) : null;
        try (TrainingBatches batches = TrainingBatches.open(files.training(), data, options.batchSizeTrain(),
                options.shuffleBuffer(), seed, state.instancesConsumed(), remasking)) {
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(new ProgressListener(err, options.logEverySteps(), System.console() != null));
            listeners.add(new TensorBoardListener(checkpoints.modelDir(), options.logEverySteps()));
            listeners.add(new TrackingListener(tracker, options.logEverySteps()));
            if (options.trainingTimeLimitSeconds() != null) {
                listeners.add(new TimeLimitListener(options.trainingTimeLimitSeconds()));
            }
            listeners.add(new CheckpointListener(checkpoints, options.saveCheckpointsSteps(), out));
            new Trainer(batches, listeners).train(new TrainingState(model, options.numTrainSteps(),
                    state.instancesConsumed(), state.trainingSeconds()));
        }
        return model;
    }

    /** Dynamic masking with the data config's rule and the project's vocabulary (its item count and [MASK] id). */
    private DynamicMasking dynamicMasking(DataConfig data) {
        Path vocabFile = ProcessedFiles.vocab(layout);
        FreqVocab vocab = FreqVocab.load(vocabFile);
        if (vocab.vocabSize() != data.vocabSize()) {
            throw new UserInputException("vocabulary " + vocabFile + " has vocab_size " + vocab.vocabSize()
                    + ", the data config " + data.vocabSize() + ": rerun bert4rec all");
        }
        return new DynamicMasking(data, vocab.numItems(), vocab.maskId(), seed);
    }

    private TrainConfig trainConfig(String modelName, Bert4RecConfig bert, DataConfig data) {
        return new TrainConfig(layout.project(), modelName, bert.hiddenSize(), options.learningRate(),
                options.numTrainSteps(), options.batchSizeTrain(), options.batchSizeVal(), data.maxSeqLength(),
                data.maxPredictionsPerSeq(), options.trainingTimeLimitSeconds(), bert.vocabSize(),
                options.numWarmupSteps(), options.saveCheckpointsSteps(), options.fastEval(), seed,
                options.shuffleBuffer(), options.adamBiasCorrection(), options.dynamicMasking());
    }

    /** The model must be built for the data it reads: refuse mismatches with both numbers and the stage to rerun. */
    static void checkConsistent(Bert4RecConfig bert, DataConfig data, Path bertConfigFile) {
        if (bert.vocabSize() != data.vocabSize()) {
            throw new UserInputException(bertConfigFile + ": vocab_size " + bert.vocabSize()
                    + " differs from the data's vocab_size " + data.vocabSize() + ": rerun bert4rec all");
        }
        if (bert.maxPositionEmbeddings() != data.maxSeqLength()) {
            throw new UserInputException(bertConfigFile + ": max_position_embeddings " + bert.maxPositionEmbeddings()
                    + " differs from the data's max_seq_length " + data.maxSeqLength() + ": rerun bert4rec all");
        }
    }

    /** Puts the configs that made the model beside it: bert, data and train config, as the seed did. */
    private void copyConfigs(Path configDir, Path bertConfigFile, TrainConfig trainConfig) {
        String p = layout.project();
        try {
            Files.createDirectories(configDir);
            AtomicFiles.writeBytes(configDir.resolve("bert_config_" + p + ".json"), Files.readAllBytes(bertConfigFile));
            Path dataConfig = DataConfig.path(layout.config(), p);
            AtomicFiles.writeBytes(configDir.resolve(dataConfig.getFileName().toString()),
                    Files.readAllBytes(dataConfig));
            writeJson(configDir.resolve("train_config_" + p + ".json"), trainConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeJson(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
