package org.bert4rec.train.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.bert4rec.data.InstanceReader;
import org.bert4rec.train.metrics.MetricsText;
import org.bert4rec.train.metrics.NegativeSampling;
import org.bert4rec.train.metrics.RankingProtocol;
import org.bert4rec.train.metrics.TargetRanker;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tracking.Tracker;

/**
 * The {@code test} stage: ranks each test record's true next item with the model, writes the {@link ResultFiles#TEST} and
 * reports the metrics to the tracking run.
 *
 * <p>The test file is the one {@code all} wrote for the task in the model's data config, as the seed chose it:
 * {@code <p>.train_val_test.test.tfrecord} for train_val_test, {@code <p>.test.tfrecord} otherwise.
 */
public final class TestStage {
    private TestStage() {
    }

    /**
     * The stage's options.
     *
     * @param modelName        {@code --model_name}, or null for the last trained model
     * @param batchSize        {@code --batch_size}
     * @param savePredictions  {@code --save_predictions_file}
     * @param excludeSeen      {@code --exclude_seen}
     * @param sampledNegatives {@code --sampled_negatives}; 0 = full ranking
     * @param sampling         {@code --sampling}
     * @param seed             {@code --seed}, for sampled negatives
     * @param mostPopular      {@code --baseline most_popular}: also rank by training popularity under the same
     *                         protocol and write {@link ResultFiles#MOST_POPULAR}
     */
    public record Settings(String modelName, int batchSize, boolean savePredictions, boolean excludeSeen,
                           int sampledNegatives, NegativeSampling sampling, long seed, boolean mostPopular) {
        public Settings(String modelName, int batchSize, boolean savePredictions, boolean excludeSeen,
                        int sampledNegatives, NegativeSampling sampling, long seed) {
            this(modelName, batchSize, savePredictions, excludeSeen, sampledNegatives, sampling, seed, false);
        }
    }

    public static TestRunner.Result run(ProjectLayout layout, Settings s, ScorerLoader loader, Tracker tracker,
                                        PrintWriter err) throws IOException {
        ModelContext ctx = ModelContext.open(layout, s.modelName(), loader, err);
        String task = ctx.dataConfig().task();
        String fileName = "train_val_test".equals(task)
                ? layout.project() + ".train_val_test.test.tfrecord" : layout.project() + ".test.tfrecord";
        Path testFile = ctx.processedFile(fileName, "train_val_test".equals(task) ? "train_val_test" : "test");
        // the user dictionary is needed only to name users in the predictions file
        VocabularyNames names = s.savePredictions() ? ctx.names() : new VocabularyNames(ctx.vocab(), null, null);
        RankingProtocol protocol = RankingProtocol.fullRanking(1, ctx.vocab().numItems())
                .withExcludeSeen(s.excludeSeen());
        if (s.sampledNegatives() > 0) {
            protocol = protocol.withSampledNegatives(s.sampledNegatives(), s.sampling(), s.seed());
        }
        TargetRanker ranker = new TargetRanker(protocol, names.popularity());
        tracker.logParams(params(ctx, s, testFile, protocol));
        List<String> context = List.of("model: " + ctx.folder().name() + " (" + ctx.checkpoint() + ", step "
                        + ctx.step() + ")", "test file: " + testFile, "protocol: " + protocol.describe(),
                "metric definitions: docs/EVALUATION.md");
        long start = System.nanoTime();
        TestRunner.Result result = rank(ctx, testFile, ctx.scorer(), ranker, names, s, context, ResultFiles.TEST);
        double seconds = (System.nanoTime() - start) / 1e9;
        tracker.logMetrics(result.metrics(), ctx.step());
        result.files().forEach(f -> tracker.logArtifact(f, "results"));
        err.printf("test: %d users in %.1f s (%s)%n", result.metrics().get("users").longValue(), seconds,
                protocol.describe());
        if (!s.mostPopular()) {
            result.metrics().forEach((k, v) -> err.println("  " + k + " = " + MetricsText.format(k, v)));
            err.flush();
            return result;
        }
        SequenceScorer popular = new PopularityScorer(names.popularity(), ctx.dataConfig().maxSeqLength());
        TestRunner.Result baseline = rank(ctx, testFile, popular, new TargetRanker(protocol, names.popularity()),
                names, s, List.of("baseline: every user gets the items by descending frequency in the prepared"
                        + " chains (whole chains, as the original FreqVocab counts them)",
                        "test file: " + testFile, "protocol: " + protocol.describe()), ResultFiles.MOST_POPULAR);
        Map<String, Double> prefixed = new LinkedHashMap<>();
        baseline.metrics().forEach((k, v) -> prefixed.put("most_popular_" + k, v));
        tracker.logMetrics(prefixed, ctx.step());
        baseline.files().forEach(f -> tracker.logArtifact(f, "results"));
        err.printf("  %-18s %12s %12s%n", "metric", "model", "most_popular");
        result.metrics().forEach((k, v) -> err.printf("  %-18s %12s %12s%n", k, MetricsText.format(k, v),
                MetricsText.format(k, baseline.metrics().get(k))));
        err.flush();
        return result;
    }

    private static TestRunner.Result rank(ModelContext ctx, Path testFile, SequenceScorer scorer, TargetRanker ranker,
                                          VocabularyNames names, Settings s, List<String> context, ResultFiles files)
            throws IOException {
        try (InstanceReader reader = new InstanceReader(testFile, ctx.dataConfig().maxSeqLength(), 0)) {
            Iterator<ScoringRow> rows = checkedTargets(ScoringRows.of(reader, ctx.vocab().maskId(),
                    testFile.toString()), reader, testFile, ctx.vocab().numItems(), ctx.vocabFile());
            return TestRunner.run(rows, testFile.toString(), scorer, ranker, names, s.batchSize(),
                    s.savePredictions(), context, ctx.folder().resultsDir(), files, Map.of());
        }
    }

    private static Map<String, String> params(ModelContext ctx, Settings s, Path testFile, RankingProtocol p) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_name", ctx.folder().name());
        params.put("checkpoint", ctx.checkpoint().getFileName().toString());
        params.put("test_file", testFile.getFileName().toString());
        params.put("batch_size", Integer.toString(s.batchSize()));
        params.put("exclude_seen", Boolean.toString(s.excludeSeen()));
        params.put("sampled_negatives", Integer.toString(s.sampledNegatives()));
        if (p.sampled()) {
            params.put("sampling", s.sampling().name().toLowerCase(java.util.Locale.ROOT));
        }
        params.put("baseline", s.mostPopular() ? "most_popular" : "none");
        params.put("vocab_size", Integer.toString(ctx.vocab().vocabSize()));
        return params;
    }

    /** Refuses a record whose true item is not an item of the vocabulary, naming the file and record. */
    private static Iterator<ScoringRow> checkedTargets(Iterator<ScoringRow> rows, InstanceReader reader, Path file,
                                                       int numItems, Path vocabFile) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ScoringRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ScoringRow row = rows.next();
                if (row.target() < 1 || row.target() > numItems) {
                    throw new UserInputException("TFRecord file " + file + ", record " + reader.recordIndex()
                            + ": true item id " + row.target() + " is not an item of vocabulary " + vocabFile
                            + " (ids 1.." + numItems + "): the file was prepared with another vocabulary; run"
                            + " bert4rec all again");
                }
                return row;
            }
        };
    }
}
