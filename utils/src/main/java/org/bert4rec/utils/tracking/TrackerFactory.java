package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bert4rec.utils.git.GitInfo;
import org.bert4rec.utils.git.GitProbe;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * Opens a stage's MLflow run the way the seed's stages did: in the experiment named by {@code last_experiment_name}
 * of the project's config_mlflow.yaml, named after the stage, with the standard MLflow tags and git provenance;
 * then records {@code <stage>: {experiment_name, run_id}} in config_mlflow.yaml and logs that file. When the work
 * tree has uncommitted changes, they are logged as an artifact, so the run can be reproduced without the seed's
 * commit-and-push on every stage.
 */
public final class TrackerFactory {
    private TrackerFactory() {
    }

    /** Tag: whether the git work tree had uncommitted changes ("true"/"false"). */
    public static final String TAG_GIT_DIRTY = "bert4rec.git.dirty";
    public static final String TAG_PROJECT = "bert4rec.project";
    /** The artifact holding {@code git status} and {@code git diff HEAD} of a dirty work tree. */
    public static final String UNCOMMITTED_DIFF = "uncommitted_changes.diff";
    /** Artifact folder for provenance files (config_mlflow.yaml, the diff). */
    public static final String PROVENANCE_DIR = "provenance";

    /**
     * What a stage run is.
     *
     * @param layout     the project (its config folder holds config_mlflow.yaml; its root holds mlruns and .env)
     * @param stage      the run's name: the seed's stage name, e.g. {@code train_val}
     * @param sourceName what ran, for {@code mlflow.source.name} (e.g. {@code bert4rec.jar train_val})
     * @param settings   where to track
     * @param warn       prints one warning line
     * @param clock      time source
     */
    public record StageRun(ProjectLayout layout, String stage, String sourceName, TrackingSettings settings,
                           Consumer<String> warn, Clock clock) {
    }

    /** Opens the stage's run; the returned tracker must be ended ({@link Tracker#end}). */
    public static Tracker open(StageRun request) {
        ProjectLayout layout = request.layout();
        MlflowConfigFile config = MlflowConfigFile.in(layout.config());
        String experimentName = config.lastExperimentName().orElse(defaultExperimentName(layout));
        Optional<GitInfo> git = gitProbe(layout.root()).inspect();
        Map<String, String> tags = standardTags(request, git);
        long start = request.clock().millis();

        Opened opened = TrackingStores.withFallback(request.settings(), layout.root(), request.clock(),
                request.warn(), store -> {
                    ExperimentRef exp = TrackingStores.experiment(store, experimentName);
                    RunRef run = store.createRun(exp.id(), request.stage(), userName(), start, tags);
                    return new Opened(store, run);
                });

        MlflowConfigFile updated = config.lastExperimentName().isEmpty()
                ? config.withLastExperimentName(experimentName) : config;
        updated = updated.withStageRun(request.stage(),
                new MlflowConfigFile.StageRun(experimentName, opened.run().runId()));
        updated.write();

        MlflowTracker tracker = new MlflowTracker(opened.store(), opened.run(), request.warn(), request.clock(),
                MlflowTracker.DEFAULT_FLUSH_INTERVAL);
        tracker.logArtifact(updated.file(), PROVENANCE_DIR);
        if (git.map(GitInfo::dirty).orElse(false)) {
            logUncommittedChanges(tracker, layout.root(), request.warn());
        }
        tracker.endWhenKilled();
        return tracker;
    }

    /**
     * The experiment used when make-exp never ran for the project: one per project, recorded as
     * last_experiment_name so the following stages join it.
     */
    public static String defaultExperimentName(ProjectLayout layout) {
        return "bert4rec_" + layout.project();
    }

    private static Map<String, String> standardTags(StageRun request, Optional<GitInfo> git) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.runName", request.stage());
        tags.put("mlflow.user", userName());
        tags.put("mlflow.source.name", request.sourceName());
        tags.put("mlflow.source.type", "LOCAL");
        git.ifPresent(g -> {
            tags.put("mlflow.source.git.commit", g.commit());
            tags.put("mlflow.source.git.branch", g.branch());
            g.repoUrl().ifPresent(u -> tags.put("mlflow.source.git.repoURL", u));
            tags.put(TAG_GIT_DIRTY, Boolean.toString(g.dirty()));
        });
        tags.put(TAG_PROJECT, request.layout().project());
        return tags;
    }

    private static void logUncommittedChanges(MlflowTracker tracker, Path root, Consumer<String> warn) {
        Optional<String> diff = gitProbe(root).uncommittedChanges();
        if (diff.isEmpty()) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("bert4rec-diff");
            Path file = dir.resolve(UNCOMMITTED_DIFF);
            try {
                Files.writeString(file, diff.get(), StandardCharsets.UTF_8);
                tracker.logArtifact(file, PROVENANCE_DIR);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            warn.accept("tracking: could not save the uncommitted changes as an artifact: " + e.getMessage());
        }
    }

    /**
     * Git, told that the Makefile's {@code config/new_experiment_stage.txt} changes on every target: that alone
     * does not make the code dirty.
     */
    private static GitProbe gitProbe(Path root) {
        return new GitProbe(root, List.of("config/" + ExperimentMaker.STAGE_FILE));
    }

    static String userName() {
        return System.getProperty("user.name", "unknown");
    }

    private record Opened(TrackingStore store, RunRef run) {
    }
}
