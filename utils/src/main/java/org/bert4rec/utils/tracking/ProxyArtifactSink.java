package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Artifacts uploaded through the MLflow server's artifact proxy: {@code PUT
 * <server>/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>} with the file's bytes (FORMATS.md §5).
 */
final class ProxyArtifactSink implements ArtifactSink {

    static final String PROXY_PATH = "/api/2.0/mlflow-artifacts/artifacts";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Per file; generous, since a model file may be large and the link slow. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final String base;
    private final String authorization;
    private final HttpClient http;

    private ProxyArtifactSink(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * The sink for {@code mlflow-artifacts:/<exp>/<run>/artifacts} (on the tracking server) or
     * {@code mlflow-artifacts://host:port/<exp>/<run>/artifacts} (on another server, same scheme as the tracking URI).
     */
    static ProxyArtifactSink forArtifactUri(String artifactUri, URI trackingUri, TrackingSettings settings) {
        URI uri = URI.create(artifactUri);
        String server = uri.getAuthority() == null
                ? stripSlash(trackingUri.toString())
                : trackingUri.getScheme() + "://" + uri.getAuthority();
        String path = uri.getRawPath() == null ? "" : stripSlash(uri.getRawPath());
        String auth = null;
        if (settings.username().isPresent() && settings.password().isPresent()) {
            auth = "Basic " + Base64.getEncoder().encodeToString((settings.username().get() + ":"
                    + settings.password().get()).getBytes(StandardCharsets.UTF_8));
        } else if (settings.token().isPresent()) {
            auth = "Bearer " + settings.token().get();
        }
        return new ProxyArtifactSink(server + PROXY_PATH + (path.startsWith("/") ? path : "/" + path), auth);
    }

    @Override
    public void put(Path file, String relativePath) {
        URI target = URI.create(base + "/" + encodePath(relativePath));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(UPLOAD_TIMEOUT)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new TrackingException("PUT " + target + " answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TrackingException("PUT " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException("interrupted while uploading " + file, e);
        }
    }

    @Override
    public String describe() {
        return base;
    }

    /** Percent-encodes each segment of a {@code /}-separated path (RFC 3986 unreserved characters stay). */
    static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (keep) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
