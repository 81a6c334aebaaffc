package org.bert4rec.train.inference;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bert4rec.data.InstanceReader;
import org.bert4rec.train.eval.ModelContext;
import org.bert4rec.train.eval.ScorerLoader;
import org.bert4rec.train.eval.ScoringRows;
import org.bert4rec.train.eval.VocabularyNames;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tracking.Tracker;

/**
 * The {@code inference} stage: reads {@code data/processed/<p>.inference.tfrecord} (written by {@code all --task
 * inference}), scores each user's next position and writes the {@link InferenceFiles}.
 */
public final class InferenceStage {
    private InferenceStage() {
    }

    /** {@code --model_name} (null = the last trained model) and what to write. */
    public record Settings(String modelName, InferenceOptions options) {
    }

    public static InferenceRunner.Summary run(ProjectLayout layout, Settings s, ScorerLoader loader, Tracker tracker,
                                              PrintWriter err) throws IOException {
        ModelContext ctx = ModelContext.open(layout, s.modelName(), loader, err);
        Path input = ctx.processedFile(layout.project() + ".inference.tfrecord", "inference");
        VocabularyNames names = ctx.names();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model_name", ctx.folder().name());
        params.put("checkpoint", ctx.checkpoint().getFileName().toString());
        params.put("batch_size", Integer.toString(s.options().batchSize()));
        params.put("predictions_per_user", Integer.toString(s.options().predictionsPerUser()));
        params.put("exclude_seen", Boolean.toString(s.options().excludeSeen()));
        params.put("is_items_preds", Boolean.toString(s.options().itemPredictions()));
        params.put("is_embeddings", Boolean.toString(s.options().embeddings()));
        params.put("hidden_size", Integer.toString(ctx.scorer().hiddenSize()));
        tracker.logParams(params);
        long start = System.nanoTime();
        InferenceRunner.Summary summary;
        try (InstanceReader reader = new InstanceReader(input, ctx.dataConfig().maxSeqLength(), 0)) {
            summary = InferenceRunner.run(ScoringRows.of(reader, ctx.vocab().maskId(), input.toString()),
                    input.toString(), ctx.scorer(), names, 1, ctx.vocab().numItems(), s.options(),
                    ctx.folder().resultsDir());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        tracker.logMetric("inference_users", summary.users(), ctx.step());
        tracker.logMetric("inference_seconds", seconds, ctx.step());
        for (Path f : summary.files()) {
            tracker.logArtifact(f, "results");
        }
        err.printf("inference: %d users in %.1f s%n", summary.users(), seconds);
        summary.files().forEach(f -> err.println("  wrote " + f));
        err.flush();
        return summary;
    }
}
