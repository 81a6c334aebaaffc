package org.bert4rec.utils.tracking;

import java.nio.file.Path;

/** Where a run's artifact files are copied to: a local folder, the server's artifact proxy, or S3. */
interface ArtifactSink {

    /** Stores {@code file} as the artifact at {@code relativePath} ({@code /}-separated, no leading slash). */
    void put(Path file, String relativePath);

    /** A short description for messages, e.g. the target URI. */
    String describe();

    /** Releases connections; puts after this fail. */
    default void close() {
    }
}
