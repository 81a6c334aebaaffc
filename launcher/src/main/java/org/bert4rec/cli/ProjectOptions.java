package org.bert4rec.cli;

import java.nio.file.Path;
import org.bert4rec.utils.project.ProjectLayout;
import picocli.CommandLine.Option;

/** Options every stage shares: which project, where the repository root is, and the random seed. */
public final class ProjectOptions {

    /** The seed's gen_data script used this seed; keeping it keeps a seed user's runs comparable. */
    public static final long DEFAULT_SEED = 12345L;

    @Option(names = "--project", paramLabel = "NAME",
            description = "Project folder under projects/ (default: the name in config/project_run_now.txt).")
    String project;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "Repository root holding config/ and projects/ (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = {"--seed", "--random_seed"}, paramLabel = "N", defaultValue = "" + DEFAULT_SEED,
            description = "Random seed; same inputs and seed give the same outputs (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The project layout these options name. */
    public ProjectLayout layout() {
        return ProjectLayout.resolve(root, project);
    }

    public long seed() {
        return seed;
    }

    public Path root() {
        return root;
    }
}
