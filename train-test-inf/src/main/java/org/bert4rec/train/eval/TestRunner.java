package org.bert4rec.train.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.train.metrics.MetricsJson;
import org.bert4rec.train.metrics.MetricsText;
import org.bert4rec.train.metrics.RankingMetrics;
import org.bert4rec.train.metrics.TargetRanker;
import org.bert4rec.utils.UserInputException;

/**
 * Evaluates a model on records whose last position is masked and writes the {@link ResultFiles}, all of them or
 * none: the {@code test} stage and validation in {@code train_val} both run through here, so their metrics agree.
 */
public final class TestRunner {
    private TestRunner() {
    }

    /** The metrics, and the files written. */
    public record Result(Map<String, Double> metrics, List<Path> files) {
    }

    /**
     * @param rows            the test records, each scored at its masked (last) position
     * @param inputName       names the input in messages
     * @param context         lines for the head of the results text (model, data, protocol)
     * @param savePredictions also write the predictions file
     * @throws UserInputException when there are no records
     */
    public static Result run(Iterator<ScoringRow> rows, String inputName, SequenceScorer scorer, TargetRanker ranker,
                             IdNames names, int batchSize, boolean savePredictions, List<String> context,
                             Path resultsDir) throws IOException {
        return run(rows, inputName, scorer, ranker, names, batchSize, savePredictions, context, resultsDir,
                ResultFiles.TEST, Map.of());
    }

    /**
     * As {@link #run(Iterator, String, SequenceScorer, TargetRanker, IdNames, int, boolean, List, Path)}, writing
     * {@code files}, with {@code extra} metrics (computed elsewhere, such as the masked-LM loss) appended.
     */
    public static Result run(Iterator<ScoringRow> rows, String inputName, SequenceScorer scorer, TargetRanker ranker,
                             IdNames names, int batchSize, boolean savePredictions, List<String> context,
                             Path resultsDir, ResultFiles files, Map<String, Double> extra) throws IOException {
        RankingMetrics metrics = new RankingMetrics(ranker);
        List<StagedFile> staged = new ArrayList<>();
        try {
            StagedFile predictions = null;
            if (savePredictions) {
                predictions = StagedFile.create(files.predictions(resultsDir));
                staged.add(predictions);
            }
            try (Writer out = predictions == null ? null
                    : new BufferedWriter(Files.newBufferedWriter(predictions.temp(), StandardCharsets.UTF_8))) {
                PredictionsWriter listener = out == null ? null : new PredictionsWriter(out, ranker, names);
                new ScoringLoop(scorer, batchSize).run(rows, new RankingEvaluator(metrics, listener));
            }
            if (metrics.users() == 0) {
                throw new UserInputException(inputName + " holds no records: run the all stage with --task"
                        + " train_val_test or test to write the test records");
            }
            Map<String, Double> summary = new LinkedHashMap<>(metrics.summary());
            summary.putAll(extra);
            StagedFile text = StagedFile.create(files.results(resultsDir));
            staged.add(text);
            Files.writeString(text.temp(), MetricsText.render(files.title(), context, summary));
            StagedFile json = StagedFile.create(files.metrics(resultsDir));
            staged.add(json);
            Files.writeString(json.temp(), MetricsJson.render(summary));
            List<Path> written = new ArrayList<>();
            for (StagedFile f : staged) {
                f.commit();
                written.add(f.target());
            }
            return new Result(summary, written);
        } finally {
            staged.forEach(StagedFile::close);
        }
    }
}
