package org.bert4rec.utils.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProbeTest {

    @TempDir
    Path dir;

    @Test
    void reportsCommitBranchAndDirtiness() throws Exception {
        GitRepoFixture.init(dir, "feature-x");
        GitInfo clean = new GitProbe(dir).inspect().orElseThrow();
        assertTrue(clean.commit().matches("[0-9a-f]{40}"), clean.commit());
        assertEquals("feature-x", clean.branch());
        assertFalse(clean.dirty());
        assertTrue(clean.repoUrl().isEmpty());

        Files.writeString(dir.resolve("code.txt"), "line 1 changed\n");
        Files.writeString(dir.resolve("new_file.txt"), "x\n");
        Files.createDirectories(dir.resolve("mlruns"));
        Files.writeString(dir.resolve("mlruns/ignored.txt"), "x\n");
        GitInfo dirty = new GitProbe(dir).inspect().orElseThrow();
        assertTrue(dirty.dirty());
        assertEquals(clean.commit(), dirty.commit());
        String changes = new GitProbe(dir).uncommittedChanges().orElseThrow();
        assertTrue(changes.contains("+line 1 changed"), changes);
        assertTrue(changes.contains("?? new_file.txt"), changes);
        assertFalse(changes.contains("ignored.txt"), changes);
    }

    @Test
    void outsideARepositoryThereIsNothingToReport() {
        assertTrue(new GitProbe(dir).inspect().isEmpty());
        assertTrue(new GitProbe(dir).branch().isEmpty());
    }
}
