package org.bert4rec.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * The network's shape: the seed's {@code bert_config.json} (Google BERT's config file, snake_case names).
 *
 * <p>{@code type_vocab_size} is kept so that the seed's files round-trip, but BERT4Rec has no segments and does
 * not use it (the original BERT4Rec calls {@code embedding_postprocessor} with {@code use_token_type=False}).
 */
public record Bert4RecConfig(
        @JsonProperty("attention_probs_dropout_prob") double attentionProbsDropoutProb,
        @JsonProperty("hidden_act") String hiddenAct,
        @JsonProperty("hidden_dropout_prob") double hiddenDropoutProb,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("initializer_range") double initializerRange,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("type_vocab_size") int typeVocabSize,
        @JsonProperty("vocab_size") int vocabSize) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** Validates every field; the message names the snake_case field as it appears in bert_config.json. */
    @JsonCreator
    public Bert4RecConfig {
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        if (hiddenAct == null || Activation.fromConfigName(hiddenAct) == null) {
            throw new UserInputException("bert config field hidden_act is '" + hiddenAct + "', expected one of "
                    + Activation.configNames() + "; fix bert_config.json");
        }
        requirePositive("hidden_size", hiddenSize);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("num_hidden_layers", numHiddenLayers);
        requirePositive("vocab_size", vocabSize);
        if (typeVocabSize < 0) {
            throw new UserInputException("bert config field type_vocab_size is " + typeVocabSize
                    + ", expected >= 0; fix bert_config.json");
        }
        if (!(initializerRange > 0) || Double.isInfinite(initializerRange)) {
            throw new UserInputException("bert config field initializer_range is " + initializerRange
                    + ", expected a positive number; fix bert_config.json");
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new UserInputException("bert config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads + "; fix bert_config.json");
        }
    }

    /** The activation named by {@code hidden_act}. */
    public Activation activation() {
        return Activation.fromConfigName(hiddenAct);
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads a bert_config.json; unknown fields are refused so that a typo is not silently ignored. */
    public static Bert4RecConfig load(Path json) {
        if (!Files.isRegularFile(json)) {
            throw new UserInputException("bert config " + json + " does not exist; create it (see config/bert_config.json)");
        }
        try {
            return JSON.readValue(json.toFile(), Bert4RecConfig.class);
        } catch (UserInputException e) {
            throw new UserInputException(json + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("bert config " + json + " is not a valid bert_config.json: "
                    + e.getMessage().lines().findFirst().orElse("") + "; fix the file", e);
        }
    }

    /** Writes this config atomically as bert_config.json-style JSON. */
    public void save(Path json) {
        try {
            AtomicFiles.writeString(json, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise bert config", e);
        }
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new UserInputException("bert config field " + field + " is " + value
                    + ", expected a positive integer; fix bert_config.json");
        }
    }

    private static void requireProbability(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new UserInputException("bert config field " + field + " is " + value
                    + ", expected a probability in [0, 1); fix bert_config.json");
        }
    }
}
