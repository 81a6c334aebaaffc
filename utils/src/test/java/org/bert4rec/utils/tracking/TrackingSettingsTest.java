package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bert4rec.utils.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingSettingsTest {

    @TempDir
    Path root;

    @Test
    void dotEnvIsReadAsPythonDotenvDoesAndTheEnvironmentWins() throws IOException {
        Files.writeString(root.resolve(".env"), "# the seed's .env\n"
                + "AWS_ACCESS_KEY_ID=key-from-file\n"
                + "export AWS_SECRET_ACCESS_KEY='s3cr=t'\n"
                + "MLFLOW_URI=\"http://mlflow.local:5000\"\n"
                + "MLFLOW_S3_ENDPOINT_URL=https://s3.local # inline comment\n"
                + "\n");
        TrackingSettings s = TrackingSettings.load(root, Map.of("AWS_ACCESS_KEY_ID", "key-from-env"));
        assertEquals(Optional.of("key-from-env"), s.awsAccessKeyId());
        assertEquals(Optional.of("s3cr=t"), s.awsSecretAccessKey());
        assertEquals(Optional.of("http://mlflow.local:5000"), s.trackingUri(), "the seed's MLFLOW_URI is honoured");
        assertEquals(Optional.of("https://s3.local"), s.s3EndpointUrl());
        assertTrue(s.isRemote());
    }

    @Test
    void trackingUriWinsOverTheSeedsName() {
        TrackingSettings s = TrackingSettings.fromVariables(Map.of("MLFLOW_URI", "http://old:1",
                "MLFLOW_TRACKING_URI", "https://new:2"));
        assertEquals(Optional.of("https://new:2"), s.trackingUri());
    }

    @Test
    void unsetOrFileUriMeansALocalStore() {
        assertFalse(TrackingSettings.local().isRemote());
        assertEquals(root.resolve("mlruns"), TrackingSettings.local().localStore(root));
        assertEquals(root.resolve("runs"), TrackingSettings.fromVariables(Map.of("MLFLOW_TRACKING_URI", "runs"))
                .localStore(root));
        assertEquals(Path.of("/tmp/x"), TrackingSettings.fromVariables(Map.of("MLFLOW_TRACKING_URI",
                "file:///tmp/x")).localStore(root));
        assertEquals(root.resolve("rel"), TrackingSettings.fromVariables(Map.of("MLFLOW_TRACKING_URI", "file:rel"))
                .localStore(root));
        assertEquals(root.resolve("mlruns"), TrackingSettings.fromVariables(Map.of("MLFLOW_TRACKING_URI", "  "))
                .localStore(root), "a blank value counts as unset");
    }

    @Test
    void unsupportedSchemesAndMalformedLinesAreClearErrors() throws IOException {
        UserInputException e = assertThrows(UserInputException.class, () -> TrackingSettings.fromVariables(
                Map.of("MLFLOW_TRACKING_URI", "databricks://profile")).localStore(root));
        assertTrue(e.getMessage().contains("MLFLOW_TRACKING_URI"), e.getMessage());
        Files.writeString(root.resolve(".env"), "GOOD=1\nthis line has no equals sign\n");
        UserInputException bad = assertThrows(UserInputException.class, () -> TrackingSettings.load(root, Map.of()));
        assertTrue(bad.getMessage().contains(".env line 2"), bad.getMessage());
    }
}
