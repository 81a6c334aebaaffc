package org.bert4rec.train.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.train.eval.ProjectFixture;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tracking.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceStageTest {
    private static final int USERS = 25;

    @Test
    void writesOriginalUserAndItemIdsAndEmbeddings(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        InferenceRunner.Summary s = InferenceStage.run(f.layout, new InferenceStage.Settings(null,
                new InferenceOptions(3, false, true, true, 8)), ProjectFixture.loader(), Tracker.none(),
                new PrintWriter(new StringWriter()));
        assertEquals(USERS, s.users());
        Path dir = f.layout.resultsDir(ProjectFixture.MODEL);
        List<String> items = Files.readAllLines(InferenceFiles.items(dir));
        assertEquals(1 + 3 * USERS, items.size());
        // encoded user 4 = original 105: chain 5 6 7 [MASK] (len 2 + 4 % 4 = 2: 5, [MASK]) -> successor of 5 is 6
        String first = items.stream().filter(l -> l.startsWith("105,4,1,")).findFirst().orElseThrow();
        assertTrue(first.startsWith("105,4,1,m60,"), first);
        float[][] embs = NpyWriterTestAccess.read(InferenceFiles.embeddings(dir));
        assertEquals(USERS, embs.length);
        assertEquals(ProjectFixture.HIDDEN, embs[0].length);
        assertEquals("4,105,4", Files.readAllLines(InferenceFiles.embeddingIds(dir)).get(5));
    }

    @Test
    void aDictionaryThatDoesNotCoverTheUsersIsRefused(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        UidDictionary.fromOriginals(List.of(1, 2, 3)).save(f.layout.dics().resolve(UidDictionary.PICKLE_NAME));
        UserInputException e = assertThrows(UserInputException.class, () -> InferenceStage.run(f.layout,
                new InferenceStage.Settings(null, new InferenceOptions(3, false, true, true, 8)),
                ProjectFixture.loader(), Tracker.none(), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("has 3 users but the data holds encoded user id 3"), e.getMessage());
        assertTrue(!Files.exists(InferenceFiles.items(f.layout.resultsDir(ProjectFixture.MODEL))));
    }

    @Test
    void aMissingInferenceFileNamesTheTaskThatWritesIt(@TempDir Path root) throws IOException {
        ProjectFixture f = new ProjectFixture(root, USERS);
        Files.delete(f.layout.processed().resolve("p.inference.tfrecord"));
        UserInputException e = assertThrows(UserInputException.class, () -> InferenceStage.run(f.layout,
                new InferenceStage.Settings(null, new InferenceOptions(3, false, true, true, 8)),
                ProjectFixture.loader(), Tracker.none(), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().endsWith("write it with bert4rec all --task inference"), e.getMessage());
    }
}
