package org.bert4rec.train.eval;

import java.nio.file.Path;

/**
 * The files {@code test} writes in {@code projects/<p>/results/<model_name>/}: the seed's {@value #RESULTS} (now
 * with ranking metrics rather than only the masked-LM loss), {@value #METRICS} (flat numbers, usable as DVC
 * metrics) and, with {@code --save_predictions_file}, the seed's {@value #PREDICTIONS}.
 */
public final class TestFiles {
    public static final String RESULTS = "test_results.txt";
    public static final String METRICS = "test_metrics.json";
    public static final String PREDICTIONS = "preds_test.txt";

    private TestFiles() {
    }

    public static Path results(Path resultsDir) {
        return resultsDir.resolve(RESULTS);
    }

    public static Path metrics(Path resultsDir) {
        return resultsDir.resolve(METRICS);
    }

    public static Path predictions(Path resultsDir) {
        return resultsDir.resolve(PREDICTIONS);
    }
}
