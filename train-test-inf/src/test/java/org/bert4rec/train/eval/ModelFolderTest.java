package org.bert4rec.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    @Test
    void namedModelUsesItsOwnConfigsAndTheCheckpointThePointerNames(@TempDir Path root) throws IOException {
        ProjectLayout layout = new ProjectLayout(root, "p");
        Path dir = layout.modelDir("m1");
        Files.createDirectories(dir.resolve("ckpt-100"));
        Files.createDirectories(dir.resolve("ckpt-200"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/bert_config_p.json"), "{}");
        ModelFolder f = ModelFolder.resolve(layout, "m1");
        assertEquals(dir.resolve("config/bert_config_p.json"), f.bertConfig());
        assertEquals(dir.resolve("ckpt-200"), f.checkpoint(), "no pointer: the highest step");
        Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"ckpt-100\"\n");
        assertEquals(dir.resolve("ckpt-100"), f.checkpoint(), "the pointer wins");
        UserInputException e = assertThrows(UserInputException.class, f::dataConfig);
        assertTrue(e.getMessage().contains("data_config_p.json is missing (written by all"), e.getMessage());
    }

    @Test
    void withoutANameTheProjectConfigNamesTheLastModel(@TempDir Path root) throws IOException {
        ProjectLayout layout = new ProjectLayout(root, "p");
        UserInputException none = assertThrows(UserInputException.class, () -> ModelFolder.resolve(layout, null));
        assertTrue(none.getMessage().contains("train_config_p.json (written by train_val) does not exist"),
                none.getMessage());
        Files.createDirectories(layout.config());
        Files.writeString(layout.config().resolve("train_config_p.json"), "{\"model_name\": \"m2\"}");
        Files.createDirectories(layout.modelDir("m2"));
        ModelFolder f = ModelFolder.resolve(layout, null);
        assertEquals("m2", f.name());
        assertEquals(layout.config(), f.configDir());
        UserInputException noCkpt = assertThrows(UserInputException.class, f::checkpoint);
        assertTrue(noCkpt.getMessage().contains("has no checkpoint"), noCkpt.getMessage());
    }

    @Test
    void aMissingModelFolderListsTheOthers(@TempDir Path root) throws IOException {
        ProjectLayout layout = new ProjectLayout(root, "p");
        Files.createDirectories(layout.modelDir("a"));
        Files.createDirectories(layout.modelDir("b"));
        UserInputException e = assertThrows(UserInputException.class, () -> ModelFolder.resolve(layout, "zz"));
        assertTrue(e.getMessage().contains("does not exist (train_val makes it)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("with one of: a, b"), e.getMessage());
    }
}
