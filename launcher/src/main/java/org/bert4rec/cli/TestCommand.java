package org.bert4rec.cli;

import org.bert4rec.train.eval.ModelScorer;
import org.bert4rec.train.eval.ScorerLoader;
import org.bert4rec.train.eval.TestStage;
import org.bert4rec.train.metrics.NegativeSampling;
import org.bert4rec.utils.FlagValueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bert4rec test}: ranking metrics of a trained model on the test records. See docs/EVALUATION.md. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Ranks each test user's true next item among all items with a trained model and writes"
                + " results/<model_name>/test_results.txt and test_metrics.json (NDCG/HR@1,5,10,100, MRR, rank100).")
public final class TestCommand extends StageCommand {

    @Mixin
    ModelOptions model;

    @Option(names = "--save_predictions_file", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Also write results/<model_name>/preds_test.txt: per user the items"
                    + " ranked ahead of the true one, with scores (default: ${DEFAULT-VALUE}).")
    boolean savePredictions;

    @Option(names = "--fast_eval", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Accepted for the seed's scripts; no longer needed: every user is"
                    + " evaluated, quickly (default: ${DEFAULT-VALUE}).")
    boolean fastEval;

    @Option(names = "--exclude_seen", arity = "0..1", preprocessor = BooleanFlag.class, fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Items the user has seen (the input and the older history_ids) are not"
                    + " candidates (default: ${DEFAULT-VALUE}).")
    boolean excludeSeen;

    @Option(names = "--sampled_negatives", paramLabel = "N", defaultValue = "0",
            description = "Rank against N sampled negatives instead of every item (the BERT4Rec paper used 100);"
                    + " 0 = full ranking (default: ${DEFAULT-VALUE}).")
    int sampledNegatives;

    @Option(names = "--sampling", paramLabel = "HOW", defaultValue = "popularity",
            description = "How negatives are drawn: popularity or uniform; seeded by --seed (default:"
                    + " ${DEFAULT-VALUE}).")
    NegativeSampling sampling;

    @Option(names = "--baseline", paramLabel = "NAME", defaultValue = "none",
            description = "Also rank with a baseline under the same protocol and print both: most_popular (items by"
                    + " frequency in the prepared chains, the vocabulary's counts; writes"
                    + " test_results_most_popular.txt) or none (default: ${DEFAULT-VALUE}).")
    String baseline;

    ScorerLoader loader = ModelScorer.LOADER;

    @Override
    protected String stageName() {
        return "test";
    }

    @Override
    protected int run(StageContext ctx) throws Exception {
        model.warnIgnored(ctx);
        if (fastEval) {
            ctx.warn("--fast_eval is no longer needed and is ignored: every test user is evaluated");
        }
        if (sampledNegatives < 0) {
            throw new FlagValueException("--sampled_negatives: expected 0 (full ranking) or a positive number, got "
                    + sampledNegatives);
        }
        if (!baseline.equals("none") && !baseline.equals("most_popular")) {
            throw new FlagValueException("--baseline: expected most_popular or none, got '" + baseline + "'");
        }
        TestStage.run(ctx.layout(), new TestStage.Settings(model.modelName(), model.batchSize(), savePredictions,
                excludeSeen, sampledNegatives, sampling, ctx.seed(), baseline.equals("most_popular")), loader,
                ctx.tracker(), ctx.err());
        return 0;
    }
}
