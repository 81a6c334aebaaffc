package org.bert4rec.utils.tracking;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Artifacts written straight to S3 (or an S3-compatible server such as MinIO) when the MLflow server hands out an
 * {@code s3://bucket/prefix} artifact_uri, as MLflow's Python client does with boto3: credentials from
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, endpoint from {@code MLFLOW_S3_ENDPOINT_URL}, path-style
 * addressing (what S3-compatible servers expect).
 */
final class S3ArtifactSink implements ArtifactSink {

    /** S3-compatible servers ignore the region, but the SDK needs one; boto3 defaults to this one too. */
    static final String DEFAULT_REGION = "us-east-1";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ArtifactSink(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    static S3ArtifactSink forArtifactUri(String artifactUri, TrackingSettings settings) {
        URI uri = URI.create(artifactUri);
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.awsRegion().orElse(DEFAULT_REGION)))
                .forcePathStyle(true);
        settings.s3EndpointUrl().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        if (settings.awsAccessKeyId().isPresent() && settings.awsSecretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.awsAccessKeyId().get(), settings.awsSecretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.create());
        }
        return new S3ArtifactSink(builder.build(), bucket, path);
    }

    @Override
    public void put(Path file, String relativePath) {
        String key = prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new TrackingException("upload of " + file + " to s3://" + bucket + "/" + key + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
