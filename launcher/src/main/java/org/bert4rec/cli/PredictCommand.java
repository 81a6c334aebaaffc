package org.bert4rec.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bert4rec.train.eval.ModelScorer;
import org.bert4rec.train.eval.ScorerLoader;
import org.bert4rec.train.predict.ChainFormat;
import org.bert4rec.train.predict.PredictStage;
import org.bert4rec.utils.FlagValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bert4rec predict}: next items for item chains given on input. See docs/EVALUATION.md. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Reads item chains (original item ids, oldest first; JSON lines or CSV, a file or standard"
                + " input) and prints or writes each chain's top next items, without re-running data preparation.")
public final class PredictCommand extends StageCommand {
    /** A short list: predict's output is read by people as often as by programs. */
    static final int DEFAULT_TOP_K = 10;

    @Mixin
    ModelOptions model;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Item chains: JSON lines ({\"id\": ..., \"items\": [...]} or [...]) or CSV with an 'items'"
                    + " column of space-separated ids (default: standard input).")
    Path input;

    @Option(names = "--input_format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, jsonl or csv; auto looks at the first line (default: ${DEFAULT-VALUE}).")
    ChainFormat inputFormat;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write here, atomically (CSV when it ends in .csv, else JSON lines) (default: standard"
                    + " output, JSON lines).")
    Path output;

    @Option(names = "--predictions_per_user", paramLabel = "K", defaultValue = "" + DEFAULT_TOP_K,
            description = "Items per chain, best first (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--is_embeddings", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Also output each chain's embedding (default: ${DEFAULT-VALUE}).")
    boolean embeddings;

    @Option(names = "--exclude_seen", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Leave the chain's own items out of its predictions (default:"
                    + " ${DEFAULT-VALUE}).")
    boolean excludeSeen;

    ScorerLoader loader = ModelScorer.LOADER;
    InputStream stdin = System.in;

    @Override
    protected String stageName() {
        return "predict";
    }

    @Override
    protected int run(StageContext ctx) throws Exception {
        model.warnIgnored(ctx);
        if (topK < 1) {
            throw new FlagValueException("--predictions_per_user: expected a positive number, got " + topK);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        PredictStage.run(ctx.layout(), new PredictStage.Settings(model.modelName(), input, output, inputFormat, topK,
                excludeSeen, embeddings, model.batchSize()), loader, in, ctx.out(), ctx.err());
        return 0;
    }
}
