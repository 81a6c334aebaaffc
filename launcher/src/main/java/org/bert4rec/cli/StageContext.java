package org.bert4rec.cli;

import java.io.PrintWriter;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tracking.Tracker;

/**
 * What a stage gets to work with: the project's folders, the seed, the terminal, and the tracking run.
 *
 * @param layout  the project's folders
 * @param seed    the random seed
 * @param out     standard output (captured in tests)
 * @param err     standard error: warnings and progress
 * @param tracker the stage's tracking run
 */
public record StageContext(ProjectLayout layout, long seed, PrintWriter out, PrintWriter err, Tracker tracker) {

    /** Prints a one-line warning to standard error. */
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }
}
