package org.bert4rec.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * Every parameter the {@code all} stage used, saved as {@code projects/<p>/config/data_config_<p>.json} (the seed's
 * file, with the seed and record counts added). The trainer takes max_seq_length and max_predictions_per_seq from
 * here, so that the model is built for the data it reads.
 *
 * @param project              project name
 * @param task                 train_val_test, train_val, test or inference
 * @param maxSeqLength         max_position_embeddings of the bert config: the window length
 * @param maxPredictionsPerSeq masked positions per training window, at most
 * @param maskedLmProb         share of a window's items that are masked
 * @param maskProb             probability that a chosen position becomes [MASK] (else kept or randomised 50/50)
 * @param dupeFactor           random maskings per training window
 * @param propSlidingWindow    window step as a share of max_seq_length; -1 = a step of max_seq_length
 * @param maxWindowsPerChain   training windows kept per chain, the most recent ones; 0 = all (the original)
 * @param shortSeqProb         accepted for the seed's sake; unused (as in the original)
 * @param poolSize             threads used (does not change the output)
 * @param seed                 random seed
 * @param vocabSize            items + 4
 * @param vocabFile            the vocabulary used
 * @param recordCounts         records per output file name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataConfig(
        @JsonProperty("project") String project,
        @JsonProperty("task") String task,
        @JsonProperty("max_seq_length") int maxSeqLength,
        @JsonProperty("max_predictions_per_seq") int maxPredictionsPerSeq,
        @JsonProperty("masked_lm_prob") double maskedLmProb,
        @JsonProperty("mask_prob") double maskProb,
        @JsonProperty("dupe_factor") int dupeFactor,
        @JsonProperty("prop_sliding_window") double propSlidingWindow,
        @JsonProperty("max_windows_per_chain") int maxWindowsPerChain,
        @JsonProperty("short_seq_prob") double shortSeqProb,
        @JsonProperty("pool_size") int poolSize,
        @JsonProperty("seed") long seed,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("vocab_file") String vocabFile,
        @JsonProperty("record_counts") Map<String, Long> recordCounts) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DataConfig {
        recordCounts = recordCounts == null ? Map.of() : new TreeMap<>(recordCounts);
    }

    /** {@code projects/<p>/config/data_config_<p>.json}. */
    public static Path path(Path projectConfigDir, String project) {
        return projectConfigDir.resolve("data_config_" + project + ".json");
    }

    public void save(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DataConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("data config " + file + " does not exist: run bert4rec all first");
        }
        try {
            DataConfig c = JSON.readValue(file.toFile(), DataConfig.class);
            if (c.maxSeqLength() <= 0 || c.maxPredictionsPerSeq() <= 0) {
                throw new UserInputException("data config " + file + ": max_seq_length and max_predictions_per_seq"
                        + " must be positive: run bert4rec all again");
            }
            return c;
        } catch (IOException e) {
            throw new UserInputException("data config " + file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "): run bert4rec all again", e);
        }
    }
}
