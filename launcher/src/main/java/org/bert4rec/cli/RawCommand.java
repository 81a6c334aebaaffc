package org.bert4rec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bert4rec.data.Task;
import org.bert4rec.data.raw.RawOptions;
import org.bert4rec.data.raw.RawStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bert4rec raw}: the seed's data_processing_raw_&lt;task&gt;. See docs/DATA.md. */
@Command(name = "raw", mixinStandardHelpOptions = true,
        description = "Reads data/external/<p>_<task>.{pkl,pickle,csv,tsv,jsonl,ndjson}, encodes users and writes"
                + " data/interim/<p>_<task>.txt (lines '<uid> <item>').")
public final class RawCommand extends StageCommand {

    @Option(names = "--task", defaultValue = "train_val_test",
            description = "train_val_test, train_val, test or inference (default: ${DEFAULT-VALUE}).")
    Task task;

    @Option(names = "--drop_duplicates", arity = "0..1", preprocessor = BooleanFlag.class, defaultValue = "true", fallbackValue = "true",
            description = "Collapse runs of the same item into one: true or false (default: ${DEFAULT-VALUE}).")
    boolean dropDuplicates;

    @Option(names = "--vocab_exist", defaultValue = "0",
            description = "1 = reuse references/dics/dic_encoding_uid_user_id.pkl; unseen users get new codes"
                    + " (default: ${DEFAULT-VALUE}).")
    int vocabExist;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Read this file instead of data/external/<p>_<task>.<ext> (default: none).")
    Path input;

    @Option(names = "--user_column", defaultValue = RawOptions.DEFAULT_USER_COLUMN,
            description = "User id column (default: ${DEFAULT-VALUE}).")
    String userColumn;

    @Option(names = "--items_column", defaultValue = RawOptions.DEFAULT_ITEMS_COLUMN,
            description = "Column with each user's item list (default: ${DEFAULT-VALUE}).")
    String itemsColumn;

    @Option(names = "--item_column", defaultValue = RawOptions.DEFAULT_ITEM_COLUMN,
            description = "Event logs: column with one item per row (default: ${DEFAULT-VALUE}).")
    String itemColumn;

    @Option(names = "--timestamp_column", defaultValue = RawOptions.DEFAULT_TIMESTAMP_COLUMN,
            description = "Event logs: optional column ordering each user's events (default: ${DEFAULT-VALUE}).")
    String timestampColumn;

    @Override
    protected String stageName() {
        return "data_processing_raw_" + task;
    }

    @Override
    protected int run(StageContext ctx) {
        if (vocabExist != 0 && vocabExist != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--vocab_exist must be 0 or 1, got " + vocabExist);
        }
        RawOptions o = new RawOptions(task, input, userColumn, itemsColumn, itemColumn, timestampColumn,
                dropDuplicates, vocabExist == 1);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project", ctx.layout().project());
        params.put("task", task.name());
        params.put("drop_duplicates", Boolean.toString(dropDuplicates));
        params.put("vocab_exist", Integer.toString(vocabExist));
        params.put("min_len_seq_sids", Integer.toString(task.minChainLength()));
        params.put("input", String.valueOf(input));
        params.put("user_column", userColumn);
        params.put("items_column", itemsColumn);
        params.put("item_column", itemColumn);
        params.put("timestamp_column", timestampColumn);
        ctx.tracker().logParams(params);
        RawStage.Result r = RawStage.run(ctx.layout(), o, ctx::warn);
        ctx.tracker().logArtifact(r.dictionary(), "dics");
        ctx.tracker().logMetric("chains", r.chains(), 0);
        ctx.tracker().logMetric("chains_dropped", r.dropped(), 0);
        ctx.out().printf("raw %s: read %s%n  wrote %s (%d chains, %d items; %d chains dropped, %d new users)%n",
                task, r.input(), r.output(), r.chains(), r.items(), r.dropped(), r.newUsers());
        return 0;
    }
}
