package org.bert4rec.train.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.InstanceReader;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.ProcessedFiles;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.EvalResult;
import org.bert4rec.train.eval.ModelScorer;
import org.bert4rec.train.eval.ResultFiles;
import org.bert4rec.train.eval.ScoringRow;
import org.bert4rec.train.eval.ScoringRows;
import org.bert4rec.train.eval.TestRunner;
import org.bert4rec.train.eval.VocabularyNames;
import org.bert4rec.train.metrics.MetricsText;
import org.bert4rec.train.metrics.RankingProtocol;
import org.bert4rec.train.metrics.TargetRanker;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tensorboard.EventFileWriter;
import org.bert4rec.utils.tracking.Tracker;

/**
 * Validation after training: every user's held-out validation item ranked against every real item, with the metric
 * code the {@code test} stage uses, plus the masked-LM loss and accuracy on the same records.
 *
 * <p>Writes {@code results/<model_name>/eval_results.txt} (the seed's file) and {@code metrics.json}, TensorBoard
 * scalars under {@code models/<model_name>/eval/} (where the seed's estimator put its evaluation events), and the
 * metrics to the tracking run with the prefix {@code val_}.
 */
final class Validation {
    static final ResultFiles FILES = ResultFiles.VALIDATION;

    private final ProjectLayout layout;
    private final String modelName;
    private final int batchSize;
    private final boolean savePredictions;
    private final Tracker tracker;
    private final PrintWriter out;

    Validation(ProjectLayout layout, String modelName, int batchSize, boolean savePredictions, Tracker tracker,
            PrintWriter out) {
        this.layout = layout;
        this.modelName = modelName;
        this.batchSize = batchSize;
        this.savePredictions = savePredictions;
        this.tracker = tracker;
        this.out = out;
    }

    /** Validates {@code model} on {@code validationFile}; returns the results text file. */
    Path run(Bert4RecModel model, Path validationFile, DataConfig data) {
        long start = System.nanoTime();
        FreqVocab vocab = FreqVocab.load(ProcessedFiles.vocab(layout));
        EvalResult maskedLm = maskedLm(model, validationFile, data);
        UidDictionary users = savePredictions ? UidDictionary.load(layout.dics().resolve(UidDictionary.PICKLE_NAME))
                : null;
        VocabularyNames names = new VocabularyNames(vocab, users, null);
        TargetRanker ranker = new TargetRanker(RankingProtocol.fullRanking(vocab.firstItemId(), vocab.lastItemId()),
                names.popularity());
        List<String> context = List.of("model: " + modelName + " (step " + model.step() + ")",
                "validation file: " + validationFile,
                "protocol: " + ranker.protocol().describe(), "metric definitions: docs/EVALUATION.md");
        Map<String, Double> maskedLmMetrics = new LinkedHashMap<>();
        maskedLmMetrics.put("masked_lm_loss", maskedLm.loss());
        maskedLmMetrics.put("masked_lm_accuracy", maskedLm.accuracy());
        TestRunner.Result result;
        try (InstanceReader reader = new InstanceReader(validationFile, data.maxSeqLength(), 0)) {
            Iterator<ScoringRow> rows = ScoringRows.of(reader, vocab.maskId(), validationFile.toString());
            result = TestRunner.run(rows, validationFile.toString(), new ModelScorer(model), ranker, names,
                    batchSize, savePredictions, context, layout.resultsDir(modelName), FILES, maskedLmMetrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> metrics = result.metrics();
        report(metrics, model.step(), (System.nanoTime() - start) / 1e9);
        return layout.resultsDir(modelName).resolve(FILES.results());
    }

    private EvalResult maskedLm(Bert4RecModel model, Path file, DataConfig data) {
        EvalResult sum = new EvalResult(0, 0, 0, 0);
        try (InstanceReader reader = new InstanceReader(file, data.maxSeqLength(), 0)) {
            List<MaskedLmInstance> batch = new ArrayList<>(batchSize);
            while (reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() == batchSize || !reader.hasNext()) {
                    sum = sum.plus(model.evaluate(InstanceBatches.toBatch(batch)));
                    batch.clear();
                }
            }
        }
        return sum;
    }

    private void report(Map<String, Double> metrics, long step, double seconds) {
        Map<String, Double> prefixed = new LinkedHashMap<>();
        metrics.forEach((k, v) -> prefixed.put("val_" + k, v));
        tracker.logMetrics(prefixed, step);
        tracker.logArtifact(layout.resultsDir(modelName), "results");
        try (EventFileWriter events = EventFileWriter.create(layout.modelDir(modelName).resolve("eval"))) {
            events.scalars(metrics, step);
        }
        out.printf("validation: %d users in %.1f s%n", metrics.get("users").longValue(), seconds);
        metrics.forEach((k, v) -> out.println("  " + k + " = " + MetricsText.format(k, v)));
        out.flush();
    }
}
