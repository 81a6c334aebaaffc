package org.bert4rec.train.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bert4rec.train.metrics.MetricsJson;
import org.bert4rec.train.metrics.MetricsText;
import org.bert4rec.train.metrics.RankingMetrics;
import org.bert4rec.train.metrics.TargetRanker;
import org.bert4rec.utils.UserInputException;

/**
 * Evaluates a model on the test records and writes the {@link TestFiles}, all of them or none.
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
     * @param context         lines for the head of {@value TestFiles#RESULTS} (model, data, protocol)
     * @param savePredictions also write {@value TestFiles#PREDICTIONS}
     * @throws UserInputException when there are no records
     */
    public static Result run(Iterator<ScoringRow> rows, String inputName, SequenceScorer scorer, TargetRanker ranker,
                             IdNames names, int batchSize, boolean savePredictions, List<String> context,
                             Path resultsDir) throws IOException {
        RankingMetrics metrics = new RankingMetrics(ranker);
        List<StagedFile> staged = new ArrayList<>();
        try {
            StagedFile predictions = null;
            if (savePredictions) {
                predictions = StagedFile.create(TestFiles.predictions(resultsDir));
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
            Map<String, Double> summary = metrics.summary();
            StagedFile text = StagedFile.create(TestFiles.results(resultsDir));
            staged.add(text);
            Files.writeString(text.temp(), MetricsText.render("BERT4Rec test results", context, summary));
            StagedFile json = StagedFile.create(TestFiles.metrics(resultsDir));
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
