package org.bert4rec.train.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * An output file written in a temporary file beside its target and renamed over it only on {@link #commit()}.
 * Closing an uncommitted file deletes the temporary file, so a stage that fails half-way leaves no partial output
 * behind — the same guarantee as {@link AtomicFiles}, for files that are streamed while the stage runs, and for
 * stages that must publish several files only once all of them are complete.
 */
public final class StagedFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private StagedFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary file (and the target's folder). */
    public static StagedFile create(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            return new StagedFile(target, AtomicFiles.tempFileFor(target));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary file for " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where to write meanwhile. */
    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Renames the temporary file over the target. */
    public void commit() {
        try {
            AtomicFiles.move(temp, target);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + temp + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover is a hidden .tmp file, never mistaken for a result
            }
        }
    }
}
