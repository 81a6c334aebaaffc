package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bert4rec.utils.io.AtomicFiles;

/** Artifacts copied into a local folder: the file store's {@code artifacts/}, or a server's {@code file:} URI. */
final class LocalArtifactSink implements ArtifactSink {

    private final Path dir;

    LocalArtifactSink(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public void put(Path file, String relativePath) {
        Path target = dir.resolve(relativePath).normalize();
        if (!target.startsWith(dir)) {
            throw new TrackingException("artifact path '" + relativePath + "' leaves the run's artifact folder");
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = AtomicFiles.tempFileFor(target);
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TrackingException("could not copy " + file + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return FileTrackingStore.fileUri(dir);
    }
}
