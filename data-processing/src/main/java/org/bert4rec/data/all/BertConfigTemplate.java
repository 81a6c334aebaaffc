package org.bert4rec.data.all;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;

/**
 * The model config template {@code config/bert_config.json}: the all stage takes max_seq_length from its
 * max_position_embeddings (as the seed does) and writes the project's copy with vocab_size filled in, keeping the
 * template's other fields and their order.
 */
public final class BertConfigTemplate {
    static final String MAX_POSITION_EMBEDDINGS = "max_position_embeddings";
    static final String VOCAB_SIZE = "vocab_size";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode node;

    private BertConfigTemplate(Path file, ObjectNode node) {
        this.file = file;
        this.node = node;
    }

    public static BertConfigTemplate load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("model config template " + file + " does not exist: it must hold the"
                    + " bert config fields (max_position_embeddings, hidden_size, ...)");
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!(n instanceof ObjectNode o) || !o.path(MAX_POSITION_EMBEDDINGS).canConvertToInt()
                    || o.path(MAX_POSITION_EMBEDDINGS).asInt() < 1) {
                throw new UserInputException("model config template " + file + ": expected a JSON object with a"
                        + " positive integer " + MAX_POSITION_EMBEDDINGS);
            }
            return new BertConfigTemplate(file, o);
        } catch (IOException e) {
            throw new UserInputException("model config template " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** max_position_embeddings: the window length of the data. */
    public int maxSeqLength() {
        return node.get(MAX_POSITION_EMBEDDINGS).asInt();
    }

    /** Writes the template with vocab_size replaced, indented like the seed's json.dump(indent=4). */
    public void writeWithVocabSize(Path target, int vocabSize) {
        ObjectNode copy = node.deepCopy();
        copy.put(VOCAB_SIZE, vocabSize);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("    ", "\n"));
        try {
            AtomicFiles.writeString(target, JSON.writer(pp).writeValueAsString(copy) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("could not format " + file, e);
        }
    }
}
