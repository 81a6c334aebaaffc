package org.bert4rec.train.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * Checkpoints of one model folder: {@code ckpt-<step>/} folders (the model's own files and
 * {@code trainer_state.json}) and a {@code checkpoint} file naming the latest, as TensorFlow's estimator kept them
 * for the seed.
 *
 * <p>A checkpoint is written into a temporary folder that is renamed into place, and only then is the
 * {@code checkpoint} file (itself written atomically) pointed at it; killing the process at any moment leaves the
 * latest checkpoint readable. The newest {@code keep} are kept. Loading falls back to the previous checkpoint when
 * the newest cannot be read, and says so.
 */
public final class CheckpointManager {
    /** As the seed (TensorFlow's default max_to_keep). */
    public static final int DEFAULT_KEEP = 5;
    static final String POINTER_FILE = "checkpoint";
    static final String STATE_FILE = "trainer_state.json";
    private static final Pattern CKPT = Pattern.compile("ckpt-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modelDir;
    private final int keep;

    public CheckpointManager(Path modelDir, int keep) {
        this.modelDir = modelDir;
        this.keep = keep;
    }

    /** The model folder the checkpoints live in. */
    public Path modelDir() {
        return modelDir;
    }

    /** A model restored from a checkpoint, with the trainer's state at that point. */
    public record Restored(Bert4RecModel model, TrainerState state, Path folder) {
    }

    /** Saves the model and trainer state as {@code ckpt-<step>} and makes it the latest. */
    public Path save(Bert4RecModel model, TrainerState state) {
        String name = "ckpt-" + state.step();
        Path target = modelDir.resolve(name);
        Path tmp = modelDir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(modelDir);
            deleteRecursively(tmp);
            model.save(tmp);
            AtomicFiles.writeBytes(tmp.resolve(STATE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            deleteRecursively(target);
            AtomicFiles.move(tmp, target);
            AtomicFiles.writeString(modelDir.resolve(POINTER_FILE), "model_checkpoint_path: \"" + name + "\"\n");
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest readable checkpoint, newest first by step; a checkpoint that fails to load is reported on
     * {@code err} and the previous one is tried.
     *
     * @param hyper optimiser settings replacing the saved ones (a rerun with more steps), or null to keep them
     */
    public Optional<Restored> restoreLatest(PrintWriter err, TrainingHyperparams hyper) {
        for (Path folder : checkpointsNewestFirst()) {
            try {
                TrainerState state = JSON.readValue(folder.resolve(STATE_FILE).toFile(), TrainerState.class);
                Bert4RecModel model = Bert4RecModel.load(folder, hyper);
                if (model.step() != state.step()) {
                    throw new IOException("model step " + model.step() + " differs from trainer state step "
                            + state.step());
                }
                return Optional.of(new Restored(model, state, folder));
            } catch (IOException | RuntimeException e) {
                err.println("warning: checkpoint " + folder + " is unreadable (" + e.getMessage()
                        + "); falling back to the previous one");
                err.flush();
            }
        }
        return Optional.empty();
    }

    /** The checkpoint folders, newest (highest step) first. */
    public List<Path> checkpointsNewestFirst() {
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> CKPT.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(CheckpointManager::stepOf).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(checkpointsNewestFirst());
        for (int i = keep; i < all.size(); i++) {
            deleteRecursively(all.get(i));
        }
    }

    static long stepOf(Path folder) {
        Matcher m = CKPT.matcher(folder.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Reads the {@code checkpoint} pointer file, if any: the folder name it names. */
    public Optional<String> pointer() {
        Path f = modelDir.resolve(POINTER_FILE);
        try {
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile("\"(.*)\"").matcher(Files.readString(f, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
