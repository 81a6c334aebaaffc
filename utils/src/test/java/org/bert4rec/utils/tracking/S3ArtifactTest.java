package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bert4rec.utils.project.ProjectLayout;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts of a server-side run whose artifact_uri is {@code s3://...}: written straight to a real S3-compatible
 * server (s3proxy on an in-memory store, started here on 127.0.0.1, with AWS signature checking on).
 */
class S3ArtifactTest {

    private static final String ACCESS = "test-access-key";
    private static final String SECRET = "test-secret-key";
    private static final String BUCKET = "mlflow-bucket";

    @TempDir
    Path root;

    private BlobStoreContext context;
    private S3Proxy s3;
    private FakeMlflowServer mlflow;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        s3 = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        s3.start();
        for (int i = 0; i < 200 && !s3.getState().equals("STARTED"); i++) {
            Thread.sleep(10);
        }
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        mlflow = new FakeMlflowServer("s3://" + BUCKET + "/mlflow");
    }

    @AfterEach
    void stop() throws Exception {
        mlflow.close();
        s3.stop();
        context.close();
    }

    private Tracker open(String secret) {
        Map<String, String> env = Map.of("MLFLOW_TRACKING_URI", mlflow.uri(),
                "MLFLOW_S3_ENDPOINT_URL", "http://127.0.0.1:" + s3.getPort(),
                "AWS_ACCESS_KEY_ID", ACCESS, "AWS_SECRET_ACCESS_KEY", secret);
        return TrackerFactory.open(new TrackerFactory.StageRun(new ProjectLayout(root, "demo"), "train_val",
                "bert4rec.jar train_val", TrackingSettings.fromVariables(env), warnings::add,
                java.time.Clock.systemUTC()));
    }

    @Test
    void artifactsLandInTheRunsS3Prefix() throws IOException {
        Path model = Files.createDirectories(root.resolve("model"));
        byte[] weights = new byte[300_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31);
        }
        Files.write(model.resolve("weights.bin"), weights);
        Files.writeString(model.resolve("bert_config.json"), "{\"hidden_size\": 64}");

        Tracker t = open(SECRET);
        t.logArtifact(model, "");
        t.end(false);

        assertEquals(List.of(), warnings);
        assertEquals(List.of(), mlflow.violations);
        FakeMlflowServer.Run run = mlflow.runs.values().iterator().next();
        assertEquals("FINISHED", run.status);
        String prefix = "mlflow/" + run.experimentId + "/" + run.id + "/artifacts/";
        BlobStore blobs = context.getBlobStore();
        TreeSet<String> keys = new TreeSet<>();
        for (StorageMetadata m : blobs.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder
                .recursive())) {
            keys.add(m.getName());
        }
        assertEquals(new TreeSet<>(List.of(prefix + "model/bert_config.json", prefix + "model/weights.bin",
                prefix + "provenance/config_mlflow.yaml")), keys);
        assertArrayEquals(weights, read(blobs.getBlob(BUCKET, prefix + "model/weights.bin")));
        assertEquals("{\"hidden_size\": 64}", new String(read(blobs.getBlob(BUCKET, prefix + "model/bert_config.json"))));
        assertTrue(mlflow.requestsTo(FakeMlflowServer.ARTIFACTS).isEmpty(), "nothing went through the proxy");
    }

    @Test
    void wrongCredentialsCostOneWarningNotTheRun() throws IOException {
        Path file = Files.writeString(root.resolve("results.txt"), "ndcg = 0.5\n");
        Tracker t = open("wrong-secret");
        t.logArtifact(file, "");
        t.logMetric("ndcg_10", 0.5, 0);
        t.end(false);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("s3://" + BUCKET), warnings.get(0));
        FakeMlflowServer.Run run = mlflow.runs.values().iterator().next();
        assertEquals("FINISHED", run.status);
        assertEquals(1, run.metrics.size(), "metrics still reach the server");
        assertEquals(List.of(), mlflow.violations);
    }

    private static byte[] read(Blob blob) throws IOException {
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }
}
