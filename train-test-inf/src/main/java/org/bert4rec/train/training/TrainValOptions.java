package org.bert4rec.train.training;

/**
 * The flags of {@code train_val}, as the seed named them, plus ours. Defaults live in the command's options.
 *
 * @param modelName                 model folder name, or null for the seed's automatic name
 * @param saveCheckpointsSteps      steps between checkpoints
 * @param learningRate              peak learning rate
 * @param numTrainSteps             total optimizer steps
 * @param numWarmupSteps            linear warm-up steps
 * @param batchSizeTrain            training batch size
 * @param batchSizeVal              validation batch size
 * @param isTrain                   train (false: only validate an existing model)
 * @param isEvaluate                validate after training
 * @param fastEval                  the seed's flag, accepted for compatibility; full validation is always done
 * @param savePredictionsFile       write the validation predictions per user
 * @param trainingTimeLimitSeconds  stop training after this many seconds in this run (null: no limit)
 * @param shuffleBuffer             records in the training shuffle buffer
 * @param logEverySteps             steps between curve points (TensorBoard, MLflow) and progress lines
 * @param adamBiasCorrection        Adam with bias correction (false: BERT's optimizer)
 * @param dynamicMasking            mask each training instance afresh each time it is read
 */
public record TrainValOptions(String modelName, long saveCheckpointsSteps, double learningRate, long numTrainSteps,
        long numWarmupSteps, int batchSizeTrain, int batchSizeVal, boolean isTrain, boolean isEvaluate,
        boolean fastEval, boolean savePredictionsFile, Long trainingTimeLimitSeconds, int shuffleBuffer,
        int logEverySteps, boolean adamBiasCorrection, boolean dynamicMasking) {
}
