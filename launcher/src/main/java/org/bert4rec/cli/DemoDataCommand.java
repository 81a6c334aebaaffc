package org.bert4rec.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bert4rec.data.demo.DemoDataGenerator;
import org.bert4rec.data.demo.DemoDataSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bert4rec demo-data}: writes a small learnable synthetic project (see docs/DATA.md for the rule). */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Writes projects/<p>/data/external/<p>_{train_val_test,test,inference}.csv: synthetic chains that follow a fixed"
                + " item-successor rule with noise and popularity skew.")
public final class DemoDataCommand extends StageCommand {

    @Option(names = "--users", defaultValue = "" + DemoDataSpec.DEFAULT_USERS,
            description = "Number of users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "" + DemoDataSpec.DEFAULT_ITEMS,
            description = "Number of items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--min_length", defaultValue = "" + DemoDataSpec.DEFAULT_MIN_LENGTH,
            description = "Shortest chain (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(names = "--max_length", defaultValue = "" + DemoDataSpec.DEFAULT_MAX_LENGTH,
            description = "Longest chain (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--noise", defaultValue = "" + DemoDataSpec.DEFAULT_NOISE,
            description = "Chance a step draws a popularity-weighted random item instead of the successor"
                    + " (default: ${DEFAULT-VALUE}).")
    double noise;

    @Override
    protected String stageName() {
        return "demo_data";
    }

    @Override
    protected int run(StageContext ctx) {
        DemoDataSpec s = new DemoDataSpec(users, items, minLength, maxLength, noise, ctx.seed());
        ctx.tracker().logParams(Map.of("users", "" + users, "items", "" + items, "min_length", "" + minLength,
                "max_length", "" + maxLength, "noise", "" + noise, "seed", "" + ctx.seed()));
        ctx.layout().createFolders();
        // The same chains serve every task, as a shop's export would: train_val_test holds out the last two items,
        // test predicts the last one, inference the one after the whole chain.
        for (String task : List.of("train_val_test", "test", "inference")) {
            Path csv = ctx.layout().external().resolve(ctx.layout().project() + "_" + task + ".csv");
            DemoDataGenerator.write(csv, s);
            ctx.tracker().logArtifact(csv, "");
            ctx.out().printf("demo-data: wrote %s (%d users, %d items)%n", csv, users, items);
        }
        return 0;
    }
}
