package org.bert4rec.utils.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks where a server-side run's artifacts go from the artifact_uri the server handed out, as MLflow's Python
 * client does: {@code mlflow-artifacts:} through the server's artifact proxy (MLflow 2.x's default),
 * {@code s3://} straight to S3 (the seed's setup, hence its AWS keys in .env), {@code file:} or a plain path onto a
 * file system this machine shares with the server.
 */
final class ArtifactSinks {
    private ArtifactSinks() {
    }

    static ArtifactSink forUri(String artifactUri, URI trackingUri, TrackingSettings settings) {
        String lower = artifactUri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mlflow-artifacts:")) {
            return ProxyArtifactSink.forArtifactUri(artifactUri, trackingUri, settings);
        }
        if (lower.startsWith("s3://")) {
            return S3ArtifactSink.forArtifactUri(artifactUri, settings);
        }
        if (lower.startsWith("file:")) {
            return new LocalArtifactSink(Path.of(URI.create(artifactUri)));
        }
        if (artifactUri.startsWith("/")) {
            return new LocalArtifactSink(Path.of(artifactUri));
        }
        return new UnsupportedSink(artifactUri);
    }

    /** An artifact store we cannot write to (e.g. gs://, wasbs://): every put fails with a clear message. */
    private record UnsupportedSink(String artifactUri) implements ArtifactSink {
        @Override
        public void put(Path file, String relativePath) {
            throw new TrackingException("artifact store '" + artifactUri + "' is not supported (supported: the "
                    + "server's artifact proxy mlflow-artifacts:, s3://, file:)");
        }

        @Override
        public String describe() {
            return artifactUri;
        }
    }
}
