package org.bert4rec.utils.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bert4rec.utils.UserInputException;

/**
 * Where runs go and how to reach them, read from the environment and the repository's {@code .env} (as the seed
 * did with python-dotenv).
 *
 * @param trackingUri        {@code MLFLOW_TRACKING_URI}, else the seed's {@code MLFLOW_URI}; empty means the local
 *                           file store {@code <root>/mlruns}
 * @param username           {@code MLFLOW_TRACKING_USERNAME} (HTTP basic auth with the password)
 * @param password           {@code MLFLOW_TRACKING_PASSWORD}
 * @param token              {@code MLFLOW_TRACKING_TOKEN} (bearer auth)
 * @param insecureTls        {@code MLFLOW_TRACKING_INSECURE_TLS=true} skips TLS certificate checks
 * @param s3EndpointUrl      {@code MLFLOW_S3_ENDPOINT_URL}: an S3-compatible server (MinIO, Ceph, ...)
 * @param awsAccessKeyId     {@code AWS_ACCESS_KEY_ID}
 * @param awsSecretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param awsRegion          {@code AWS_DEFAULT_REGION} or {@code AWS_REGION}; S3-compatible servers ignore it
 */
public record TrackingSettings(Optional<String> trackingUri, Optional<String> username, Optional<String> password,
                               Optional<String> token, boolean insecureTls, Optional<String> s3EndpointUrl,
                               Optional<String> awsAccessKeyId, Optional<String> awsSecretAccessKey,
                               Optional<String> awsRegion) {

    /** The name of the file the seed kept its secrets in, at the repository root. */
    public static final String DOT_ENV = ".env";

    /** The local store's folder under the repository root, where {@code mlflow ui} looks by default. */
    public static final String LOCAL_STORE_DIR = "mlruns";

    /** Settings from {@code environment} over {@code <root>/.env}. */
    public static TrackingSettings load(Path root, Map<String, String> environment) {
        return fromVariables(DotEnvFile.overlay(environment, root.resolve(DOT_ENV)));
    }

    /** Settings from the process environment over {@code <root>/.env}. */
    public static TrackingSettings load(Path root) {
        return load(root, System.getenv());
    }

    /** Settings from a variable map (environment and .env already merged). */
    public static TrackingSettings fromVariables(Map<String, String> vars) {
        Optional<String> uri = get(vars, "MLFLOW_TRACKING_URI").or(() -> get(vars, "MLFLOW_URI"));
        return new TrackingSettings(uri, get(vars, "MLFLOW_TRACKING_USERNAME"), get(vars, "MLFLOW_TRACKING_PASSWORD"),
                get(vars, "MLFLOW_TRACKING_TOKEN"),
                get(vars, "MLFLOW_TRACKING_INSECURE_TLS").map(v -> v.equalsIgnoreCase("true")).orElse(false),
                get(vars, "MLFLOW_S3_ENDPOINT_URL"), get(vars, "AWS_ACCESS_KEY_ID"), get(vars, "AWS_SECRET_ACCESS_KEY"),
                get(vars, "AWS_DEFAULT_REGION").or(() -> get(vars, "AWS_REGION")));
    }

    /** Settings for the local file store only (no server, no S3). */
    public static TrackingSettings local() {
        return fromVariables(Map.of());
    }

    /** Whether runs go to an MLflow server over HTTP(S). */
    public boolean isRemote() {
        return trackingUri.map(u -> {
            String lower = u.toLowerCase(Locale.ROOT);
            return lower.startsWith("http://") || lower.startsWith("https://");
        }).orElse(false);
    }

    /**
     * The local file store's folder: {@code file:} URIs and plain paths name it (relative paths from the
     * repository root), otherwise {@code <root>/mlruns}.
     */
    public Path localStore(Path root) {
        if (trackingUri.isEmpty() || isRemote()) {
            return root.resolve(LOCAL_STORE_DIR).toAbsolutePath().normalize();
        }
        String uri = trackingUri.get();
        if (uri.startsWith("file://")) {
            try {
                return Path.of(URI.create(uri)).toAbsolutePath().normalize();
            } catch (IllegalArgumentException e) {
                throw new UserInputException("MLFLOW_TRACKING_URI: '" + uri + "' is not a valid file URI; use "
                        + "file:///absolute/path, a plain path, or http(s)://host:port");
            }
        }
        if (uri.startsWith("file:")) {
            return root.resolve(uri.substring("file:".length())).toAbsolutePath().normalize();
        }
        if (uri.contains("://")) {
            throw new UserInputException("MLFLOW_TRACKING_URI: '" + uri + "' is not supported; use http(s)://host:port"
                    + " for an MLflow server, or a path or file: URI for a local store (default ./mlruns)");
        }
        return root.resolve(uri).toAbsolutePath().normalize();
    }

    private static Optional<String> get(Map<String, String> vars, String key) {
        return Optional.ofNullable(vars.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
