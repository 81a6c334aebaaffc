package org.bert4rec.train.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.bert4rec.utils.FlagValueException;
import org.bert4rec.utils.UserInputException;

/**
 * The training parameters of {@code train_val}, saved as {@code train_config_<p>.json} with the seed's keys (plus
 * ours: seed, shuffle buffer, warm-up) in the project's config folder and the model's.
 *
 * @param project                   the project
 * @param modelName                 the model folder under {@code models/}
 * @param hiddenSize                from the bert config, kept for the seed's file
 * @param learningRate              peak learning rate
 * @param numTrainSteps             optimizer steps in all (resumed runs included)
 * @param batchSizeTrain            sequences per training step
 * @param batchSizeVal              sequences per validation batch
 * @param maxSeqLength              from the data config
 * @param maxPredictionsPerSeq      from the data config
 * @param trainingTimeLimitSeconds  seconds this run may train (null = no limit)
 * @param vocabSize                 from the bert config
 * @param numWarmupSteps            linear warm-up steps
 * @param saveCheckpointsSteps      steps between checkpoints
 * @param fastEval                  the seed's flag; accepted, no longer needed (full evaluation is fast)
 * @param seed                      random seed of initialisation, dropout and shuffling
 * @param shuffleBuffer             records in the training shuffle buffer
 * @param adamBiasCorrection        Adam with bias correction (false: BERT's optimizer, which omits it)
 * @param dynamicMasking            training instances masked afresh each time they are read (false: the file's)
 */
public record TrainConfig(
        @JsonProperty("project") String project,
        @JsonProperty("model_name") String modelName,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("num_train_steps") long numTrainSteps,
        @JsonProperty("batch_size_train") int batchSizeTrain,
        @JsonProperty("batch_size_val") int batchSizeVal,
        @JsonProperty("max_seq_length") int maxSeqLength,
        @JsonProperty("max_predictions_per_seq") int maxPredictionsPerSeq,
        @JsonProperty("training_time_limit_seconds") Long trainingTimeLimitSeconds,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("num_warmup_steps") long numWarmupSteps,
        @JsonProperty("save_checkpoints_steps") long saveCheckpointsSteps,
        @JsonProperty("fast_eval") boolean fastEval,
        @JsonProperty("seed") long seed,
        @JsonProperty("shuffle_buffer") int shuffleBuffer,
        @JsonProperty("adam_bias_correction") boolean adamBiasCorrection,
        @JsonProperty("dynamic_masking") boolean dynamicMasking) {

    public TrainConfig {
        positive("--learning_rate", learningRate);
        positive("--num_train_steps", numTrainSteps);
        positive("--batch_size_train", batchSizeTrain);
        positive("--batch_size_val", batchSizeVal);
        positive("--save_checkpoints_steps", saveCheckpointsSteps);
        positive("--shuffle_buffer", shuffleBuffer);
        if (numWarmupSteps < 0) {
            throw new FlagValueException("--num_warmup_steps: expected 0 or more, got " + numWarmupSteps);
        }
        if (trainingTimeLimitSeconds != null && trainingTimeLimitSeconds <= 0) {
            throw new FlagValueException("--training_time_limit_seconds: expected a positive number of seconds, got "
                    + trainingTimeLimitSeconds);
        }
    }

    private static void positive(String flag, double value) {
        if (!(value > 0)) {
            throw new UserInputException(flag + ": expected a positive number, got " + value);
        }
    }
}
