package org.bert4rec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bert4rec.data.Task;
import org.bert4rec.data.all.AllOptions;
import org.bert4rec.data.all.AllStage;
import org.bert4rec.data.all.BertConfigTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bert4rec all}: the seed's data_processing_all_&lt;task&gt;. See docs/DATA.md. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Makes the vocabulary and the masked-LM TFRecord files from data/interim/<p>_<task>.txt;"
                + " max_seq_length is max_position_embeddings of the bert config (--bert_config).")
public final class AllCommand extends StageCommand {

    @Option(names = "--task", defaultValue = "train_val_test",
            description = "train_val_test, train_val, test or inference (default: ${DEFAULT-VALUE}).")
    Task task;

    @Option(names = "--max_predictions_per_seq", defaultValue = "" + AllOptions.DEFAULT_MAX_PREDICTIONS_PER_SEQ,
            description = "Masked positions per training instance, at most (default: ${DEFAULT-VALUE}).")
    int maxPredictionsPerSeq;

    @Option(names = "--masked_lm_prob", defaultValue = "" + AllOptions.DEFAULT_MASKED_LM_PROB,
            description = "Share of a window's items to mask (default: ${DEFAULT-VALUE}).")
    double maskedLmProb;

    @Option(names = "--prop_sliding_window", defaultValue = "" + AllOptions.DEFAULT_PROP_SLIDING_WINDOW,
            description = "Window step as a share of max_seq_length; -1 = a step of max_seq_length (windows"
                    + " end-aligned, plus one at the start) (default: ${DEFAULT-VALUE}).")
    double propSlidingWindow;

    @Option(names = "--max_windows_per_chain", defaultValue = "0",
            description = "Keep only the most recent N training windows of each chain; 0 = all, as the original."
                    + " On ML-1m, 1 (train on each user's last max_seq_length items) learns far more per minute"
                    + " (docs/DATA.md) (default: ${DEFAULT-VALUE}).")
    int maxWindowsPerChain;

    @Option(names = "--mask_prob", defaultValue = "" + AllOptions.DEFAULT_MASK_PROB,
            description = "Chance a chosen position becomes [MASK], else kept or random 50/50"
                    + " (default: ${DEFAULT-VALUE}).")
    double maskProb;

    @Option(names = "--dupe_factor", defaultValue = "" + AllOptions.DEFAULT_DUPE_FACTOR,
            description = "Random maskings per window (default: ${DEFAULT-VALUE}).")
    int dupeFactor;

    @Option(names = "--pool_size", defaultValue = "0",
            description = "Threads; 0 = one per core; the output is the same for any value (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--short_seq_prob", defaultValue = "0",
            description = "Accepted for the seed's scripts and recorded; unused, as in the original"
                    + " (default: ${DEFAULT-VALUE}).")
    double shortSeqProb;

    @Option(names = "--vocab_filename", paramLabel = "FILE",
            description = "Use this vocabulary (ours or the seed's pickle) instead of building one (default: build"
                    + " for training tasks; references/<p>.vocab when it exists for test and inference).")
    Path vocabFilename;

    @Option(names = "--bert_config", paramLabel = "FILE", defaultValue = "config/bert_config.json",
            description = "The model config template: max_seq_length is its max_position_embeddings, and"
                    + " projects/<p>/config/bert_config_<p>.json is written from it with vocab_size filled in; relative"
                    + " to --root (default: ${DEFAULT-VALUE}).")
    Path bertConfig;

    @Override
    protected String stageName() {
        return "data_processing_all_" + task;
    }

    @Override
    protected int run(StageContext ctx) {
        BertConfigTemplate template = BertConfigTemplate.load(ctx.layout().root().resolve(bertConfig));
        AllOptions o = new AllOptions(task, template.maxSeqLength(), maxPredictionsPerSeq, maskedLmProb, maskProb,
                dupeFactor, propSlidingWindow, maxWindowsPerChain, shortSeqProb, poolSize, ctx.seed(), vocabFilename);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project", ctx.layout().project());
        params.put("task", task.name());
        params.put("max_seq_length", Integer.toString(o.maxSeqLength()));
        params.put("max_predictions_per_seq", Integer.toString(maxPredictionsPerSeq));
        params.put("masked_lm_prob", Double.toString(maskedLmProb));
        params.put("mask_prob", Double.toString(maskProb));
        params.put("dupe_factor", Integer.toString(dupeFactor));
        params.put("prop_sliding_window", Double.toString(propSlidingWindow));
        params.put("max_windows_per_chain", Integer.toString(maxWindowsPerChain));
        params.put("pool_size", Integer.toString(poolSize));
        params.put("short_seq_prob", Double.toString(shortSeqProb));
        params.put("seed", Long.toString(ctx.seed()));
        params.put("bert_config", bertConfig.toString());
        params.put("vocab_filename", String.valueOf(vocabFilename));
        ctx.tracker().logParams(params);
        AllStage.Result r = AllStage.run(ctx.layout(), o, template, ctx::warn);
        ctx.tracker().logParams(Map.of("vocab_size", Integer.toString(r.vocabSize())));
        ctx.tracker().logArtifact(r.vocabFile(), "");
        ctx.tracker().logArtifact(r.bertConfig(), "config");
        ctx.tracker().logArtifact(r.dataConfig(), "config");
        ctx.out().printf("all %s: %d chains (%d dropped, %d unknown item occurrences), vocab_size %d (%s)%n",
                task, r.chains(), r.chainsDropped(), r.unknownItems(), r.vocabSize(), r.vocabFile());
        r.recordCounts().forEach((file, n) -> ctx.out().printf("  %-50s %,12d records%n", file, n));
        return 0;
    }
}
