package org.bert4rec.utils.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.git.GitProbe;
import org.bert4rec.utils.git.GitRepoFixture;
import org.bert4rec.utils.project.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git provenance on runs, and make-exp (the seed's make_exp.py). */
class GitProvenanceAndMakeExpTest {

    /** 2023-11-14 22:13:20.123 UTC. */
    private static final long T0 = 1_700_000_000_123L;

    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private final TestClock clock = new TestClock(T0);

    private MlrunsReader.Run openAndEnd(String stage) {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        TrackerFactory.open(new TrackerFactory.StageRun(layout, stage, "x", TrackingSettings.local(), warnings::add,
                clock)).end(false);
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        String exp = MlflowConfigFile.in(layout.config()).stageRun(stage).orElseThrow().experimentName();
        String runId = MlflowConfigFile.in(layout.config()).stageRun(stage).orElseThrow().runId();
        return reader.runs(reader.experimentNamed(exp)).stream().filter(r -> r.id().equals(runId)).findFirst()
                .orElseThrow();
    }

    @Test
    void runsCarryTheCommitAndTheUncommittedDiffWhenDirty() throws Exception {
        GitRepoFixture.init(root, "main");
        String commit = new GitProbe(root).inspect().orElseThrow().commit();

        MlrunsReader.Run clean = openAndEnd("test");
        Map<String, String> tags = clean.tags();
        assertEquals(commit, tags.get("mlflow.source.git.commit"));
        assertEquals("main", tags.get("mlflow.source.git.branch"));
        assertEquals("false", tags.get(TrackerFactory.TAG_GIT_DIRTY));
        assertFalse(Files.exists(clean.artifacts().resolve("provenance/" + TrackerFactory.UNCOMMITTED_DIFF)));

        // the Makefile rewrites config/new_experiment_stage.txt before every target: that is not a code change
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/new_experiment_stage.txt"), "test\n");
        assertEquals("false", openAndEnd("train_val").tags().get(TrackerFactory.TAG_GIT_DIRTY));

        Files.writeString(root.resolve("code.txt"), "line 1\nline 2 not committed\n");
        MlrunsReader.Run dirty = openAndEnd("inference");
        assertEquals("true", dirty.tags().get(TrackerFactory.TAG_GIT_DIRTY));
        String diff = Files.readString(dirty.artifacts().resolve("provenance/" + TrackerFactory.UNCOMMITTED_DIFF));
        assertTrue(diff.contains("+line 2 not committed"), diff);
        assertEquals(List.of(), warnings);
    }

    @Test
    void makeExpCreatesTheSeedsExperimentNameAndStagesJoinIt() throws Exception {
        GitRepoFixture.init(root, "feature-x");
        ProjectLayout layout = new ProjectLayout(root, "demo");
        Files.createDirectories(layout.rootConfig());
        Files.writeString(layout.rootConfig().resolve(ExperimentMaker.STAGE_FILE), "train_val\n");

        String stage = ExperimentMaker.stageFromFile(layout);
        ExperimentMaker.Made made = ExperimentMaker.make(layout, stage, TrackingSettings.local(), warnings::add,
                clock);
        assertEquals("bert4rec_train_val_2023-11-14 22:13:20.123000_feature-x", made.name());
        assertEquals(made.name(), MlflowConfigFile.in(layout.config()).lastExperimentName().orElseThrow());
        MlrunsReader reader = new MlrunsReader(root.resolve("mlruns"));
        assertEquals(made.id(), reader.experimentNamed(made.name()).id());
        assertTrue(reader.runs(reader.experimentNamed(made.name())).isEmpty());

        MlrunsReader.Run run = openAndEnd("train_val");
        assertEquals(made.id(), run.meta().get("experiment_id"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void pythonDropsZeroMicroseconds() {
        assertEquals("2023-11-14 22:13:20", ExperimentMaker.pythonDateTime(
                java.time.LocalDateTime.of(2023, 11, 14, 22, 13, 20)));
        assertEquals("2023-11-14 22:13:20.000001", ExperimentMaker.pythonDateTime(
                java.time.LocalDateTime.of(2023, 11, 14, 22, 13, 20, 1000)));
    }

    @Test
    void missingStageFileSaysWhatToDo() throws IOException {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        UserInputException e = assertThrows(UserInputException.class, () -> ExperimentMaker.stageFromFile(layout));
        assertTrue(e.getMessage().contains("new_experiment_stage.txt") && e.getMessage().contains("--stage"),
                e.getMessage());
    }

    @Test
    void makeExpOutsideGitUsesAPlaceholderBranch() {
        ProjectLayout layout = new ProjectLayout(root, "demo");
        ExperimentMaker.Made made = ExperimentMaker.make(layout, "test", TrackingSettings.local(), warnings::add,
                clock);
        assertTrue(made.name().endsWith("_" + ExperimentMaker.NO_BRANCH), made.name());
    }
}
