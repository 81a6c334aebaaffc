package org.bert4rec.train.eval;

import java.nio.file.Path;

/**
 * The names of the files an evaluation writes in {@code projects/<p>/results/<model_name>/}: a human-readable
 * results text, flat metrics JSON (usable as DVC metrics) and, on request, the ranked predictions per user.
 * {@code test} and validation differ only in these names, so both go through {@link TestRunner}.
 *
 * @param results     the seed's results text file
 * @param metrics     the flat JSON metrics
 * @param predictions the seed's predictions file, written with {@code --save_predictions_file}
 * @param title       the first line of the results text
 */
public record ResultFiles(String results, String metrics, String predictions, String title) {
    /** The {@code test} stage's files: the seed's test_results.txt and preds_test.txt, plus test_metrics.json. */
    public static final ResultFiles TEST = new ResultFiles("test_results.txt", "test_metrics.json", "preds_test.txt",
            "BERT4Rec test results");

    /** Validation in {@code train_val}: the seed's eval_results.txt and preds_val.txt, plus metrics.json. */
    public static final ResultFiles VALIDATION = new ResultFiles("eval_results.txt", "metrics.json",
            "preds_val.txt", "BERT4Rec validation results");

    /** The most-popular baseline under the test protocol, beside the model's test files. */
    public static final ResultFiles MOST_POPULAR = new ResultFiles("test_results_most_popular.txt",
            "test_metrics_most_popular.json", "preds_test_most_popular.txt", "Most-popular baseline test results");

    public Path results(Path resultsDir) {
        return resultsDir.resolve(results);
    }

    public Path metrics(Path resultsDir) {
        return resultsDir.resolve(metrics);
    }

    public Path predictions(Path resultsDir) {
        return resultsDir.resolve(predictions);
    }
}
