package org.bert4rec.train.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bert4rec.model.Bert4RecConfig;

/** The parameters a train_val run logs to tracking: every training flag and every model config value. */
final class TrainConfigParams {
    private TrainConfigParams() {
    }

    static Map<String, String> of(TrainConfig t, Bert4RecConfig b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("project", t.project());
        m.put("model_name", t.modelName());
        m.put("learning_rate", String.valueOf(t.learningRate()));
        m.put("num_train_steps", String.valueOf(t.numTrainSteps()));
        m.put("num_warmup_steps", String.valueOf(t.numWarmupSteps()));
        m.put("batch_size_train", String.valueOf(t.batchSizeTrain()));
        m.put("batch_size_val", String.valueOf(t.batchSizeVal()));
        m.put("max_seq_length", String.valueOf(t.maxSeqLength()));
        m.put("max_predictions_per_seq", String.valueOf(t.maxPredictionsPerSeq()));
        m.put("training_time_limit_seconds", String.valueOf(t.trainingTimeLimitSeconds()));
        m.put("save_checkpoints_steps", String.valueOf(t.saveCheckpointsSteps()));
        m.put("fast_eval", String.valueOf(t.fastEval()));
        m.put("seed", String.valueOf(t.seed()));
        m.put("shuffle_buffer", String.valueOf(t.shuffleBuffer()));
        m.put("adam_bias_correction", String.valueOf(t.adamBiasCorrection()));
        m.put("dynamic_masking", String.valueOf(t.dynamicMasking()));
        m.put("vocab_size", String.valueOf(b.vocabSize()));
        m.put("hidden_size", String.valueOf(b.hiddenSize()));
        m.put("num_hidden_layers", String.valueOf(b.numHiddenLayers()));
        m.put("num_attention_heads", String.valueOf(b.numAttentionHeads()));
        m.put("intermediate_size", String.valueOf(b.intermediateSize()));
        m.put("hidden_act", b.hiddenAct());
        m.put("hidden_dropout_prob", String.valueOf(b.hiddenDropoutProb()));
        m.put("attention_probs_dropout_prob", String.valueOf(b.attentionProbsDropoutProb()));
        m.put("initializer_range", String.valueOf(b.initializerRange()));
        return m;
    }
}
