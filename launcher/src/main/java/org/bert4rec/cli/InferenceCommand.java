package org.bert4rec.cli;

import org.bert4rec.train.eval.ModelScorer;
import org.bert4rec.train.eval.ScorerLoader;
import org.bert4rec.train.inference.InferenceOptions;
import org.bert4rec.train.inference.InferenceStage;
import org.bert4rec.utils.FlagValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bert4rec inference}: top-K next items and user embeddings for every user. See docs/EVALUATION.md. */
@Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Scores every user of data/processed/<p>.inference.tfrecord and writes"
                + " results/<model_name>/df_next_sids.csv (top items, original ids) and df_next_sids_embs.npy"
                + " (+ _ids.csv).")
public final class InferenceCommand extends StageCommand {
    /** The seed's default. */
    static final int DEFAULT_PREDICTIONS_PER_USER = 100;

    @Mixin
    ModelOptions model;

    @Option(names = "--is_embeddings", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "true",
            paramLabel = "BOOL", description = "Write the users' embeddings (default: ${DEFAULT-VALUE}).")
    boolean embeddings;

    @Option(names = "--is_items_preds", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "true",
            paramLabel = "BOOL", description = "Write the users' top items (default: ${DEFAULT-VALUE}).")
    boolean itemPredictions;

    @Option(names = "--predictions_per_user", paramLabel = "K", defaultValue = "" + DEFAULT_PREDICTIONS_PER_USER,
            description = "Items per user, best first (default: ${DEFAULT-VALUE}).")
    int predictionsPerUser;

    @Option(names = "--exclude_seen", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Leave the items the user has seen (the input and the older history_ids) out of the"
                    + " top items (default: ${DEFAULT-VALUE}).")
    boolean excludeSeen;

    ScorerLoader loader = ModelScorer.LOADER;

    @Override
    protected String stageName() {
        return "inference";
    }

    @Override
    protected int run(StageContext ctx) throws Exception {
        model.warnIgnored(ctx);
        if (predictionsPerUser < 1) {
            throw new FlagValueException("--predictions_per_user: expected a positive number, got "
                    + predictionsPerUser);
        }
        InferenceStage.run(ctx.layout(), new InferenceStage.Settings(model.modelName(), new InferenceOptions(
                predictionsPerUser, excludeSeen, itemPredictions, embeddings, model.batchSize())), loader,
                ctx.tracker(), ctx.err());
        return 0;
    }
}
