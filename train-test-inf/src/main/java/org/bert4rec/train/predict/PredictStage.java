package org.bert4rec.train.predict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.bert4rec.train.eval.ModelContext;
import org.bert4rec.train.eval.ScorerLoader;
import org.bert4rec.train.eval.StagedFile;
import org.bert4rec.train.eval.VocabularyNames;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * The {@code predict} command: item chains in (a file or standard input), predictions out (a file, written
 * atomically, or standard output as they come).
 */
public final class PredictStage {
    private PredictStage() {
    }

    /**
     * @param modelName        {@code --model_name}, or null for the last trained model
     * @param input            {@code --input}, or null for standard input
     * @param output           {@code --output}, or null for standard output
     * @param inputFormat      {@code --input_format}
     * @param topK             {@code --predictions_per_user}
     * @param excludeSeen      {@code --exclude_seen}
     * @param embeddings       {@code --is_embeddings}
     * @param batchSize        {@code --batch_size}
     */
    public record Settings(String modelName, Path input, Path output, ChainFormat inputFormat, int topK,
                           boolean excludeSeen, boolean embeddings, int batchSize) {
    }

    /** What happened: chains read, chains that fell back to popular items, unknown item occurrences dropped. */
    public record Summary(long chains, long popularFallbacks, long unknownItems) {
    }

    public static Summary run(ProjectLayout layout, Settings s, ScorerLoader loader, BufferedReader stdin,
                              PrintWriter stdout, PrintWriter err) throws IOException {
        ModelContext ctx = ModelContext.open(layout, s.modelName(), loader, err);
        VocabularyNames vocab = new VocabularyNames(ctx.vocab(), null, null);
        ChainPredictor predictor = new ChainPredictor(ctx.scorer(), vocab, s.topK(), s.excludeSeen(),
                s.embeddings(), s.batchSize());
        boolean csvOut = s.output() != null
                && s.output().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        long[] counts = new long[2];
        long chains;
        BufferedReader in = s.input() == null ? stdin : open(s.input());
        try (StagedFile staged = s.output() == null ? null : StagedFile.create(s.output())) {
            ChainReader reader = new ChainReader(in, s.inputFormat(),
                    s.input() == null ? "standard input" : s.input().toString());
            try (Writer out = staged == null ? null : Files.newBufferedWriter(staged.temp(), StandardCharsets.UTF_8)) {
                PredictionWriter writer = new PredictionWriter(out == null ? stdout : out, csvOut, s.embeddings());
                chains = predictor.run(reader, p -> {
                    if (p.popularFallback()) {
                        counts[0]++;
                    }
                    counts[1] += p.unknownItems().size();
                    if (!p.unknownItems().isEmpty()) {
                        err.println("warning: chain " + p.id() + ": " + p.unknownItems().size()
                                + " item(s) unknown to the vocabulary, dropped: " + String.join(" ", p.unknownItems()));
                    }
                    writer.accept(p);
                });
            }
            if (staged != null) {
                staged.commit();
            }
        } finally {
            if (s.input() != null) {
                in.close(); // standard input belongs to the caller
            }
        }
        err.printf("predict: %d chains, %d given the most popular items (no known item), %d unknown items dropped%n",
                chains, counts[0], counts[1]);
        err.flush();
        return new Summary(chains, counts[0], counts[1]);
    }

    private static BufferedReader open(Path input) throws IOException {
        try {
            return Files.newBufferedReader(input, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException("--input " + input + " does not exist: give a JSON lines or CSV file of item"
                    + " chains, or leave --input out to read standard input");
        }
    }
}
