package org.bert4rec.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bert4rec.utils.project.ProjectLayout;
import org.bert4rec.utils.tfrecord.TfRecordReader;

/** A throw-away repository root with a bert config template and one project, for stage tests. */
public final class TinyProject {
    public final Path root;
    public final ProjectLayout layout;

    public TinyProject(Path root, String project, int maxSeqLength) {
        this.root = root;
        this.layout = new ProjectLayout(root, project);
        try {
            Files.createDirectories(root.resolve("config"));
            Files.writeString(root.resolve("config/bert_config.json"), "{\n  \"attention_probs_dropout_prob\": 0.2,\n"
                    + "  \"hidden_size\": 16,\n  \"max_position_embeddings\": " + maxSeqLength + ",\n"
                    + "  \"num_attention_heads\": 2,\n  \"vocab_size\": 0\n}\n");
            Files.createDirectories(layout.external());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data/external/<p>_<task>.<ext>}. */
    public Path external(String task, String ext, String content) {
        Path p = layout.external().resolve(layout.project() + "_" + task + "." + ext);
        try {
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Every instance of a TFRecord file, in order. */
    public static List<MaskedLmInstance> instances(Path file) {
        List<MaskedLmInstance> out = new ArrayList<>();
        try (InstanceReader r = new InstanceReader(file, 0, 0)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    public static long records(Path file) {
        return TfRecordReader.countRecords(file);
    }
}
