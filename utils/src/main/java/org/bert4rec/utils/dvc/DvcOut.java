package org.bert4rec.utils.dvc;

/**
 * An output (or metrics file) of a stage.
 *
 * @param path    relative to the repository root
 * @param cache   whether DVC caches it (false for small metrics files, which git keeps)
 * @param persist whether DVC keeps it when the stage reruns (the model folder, so training resumes from its
 *                checkpoints)
 */
public record DvcOut(String path, boolean cache, boolean persist) {

    /** A plain cached output that DVC removes before the stage reruns. */
    public static DvcOut of(String path) {
        return new DvcOut(path, true, false);
    }

    /** Whether the entry needs flags in YAML (anything but a plain cached, non-persistent output). */
    boolean hasFlags() {
        return !cache || persist;
    }
}
