package org.bert4rec.train.eval;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.project.ProjectLayout;

/**
 * Everything {@code test}, {@code inference} and {@code predict} read before scoring: the model folder, its data
 * config, the vocabulary, and the loaded model, checked against each other — a vocabulary built for other data would
 * otherwise turn every item id into another item without a word.
 *
 * @param folder     the model folder
 * @param dataConfig the data config the model was trained with
 * @param vocab      the item vocabulary
 * @param vocabFile  where it was read from
 * @param scorer     the loaded model
 * @param step       the training step of the loaded checkpoint
 * @param checkpoint the checkpoint folder
 */
public record ModelContext(ModelFolder folder, DataConfig dataConfig, FreqVocab vocab, Path vocabFile,
                           SequenceScorer scorer, long step, Path checkpoint) {

    /** Resolves, loads and cross-checks; errors name the file, both numbers and what to do. */
    public static ModelContext open(ProjectLayout layout, String modelName, ScorerLoader loader, PrintWriter err) {
        ModelFolder folder = ModelFolder.resolve(layout, modelName);
        DataConfig data = DataConfig.load(folder.dataConfig());
        Path vocabFile = vocabFile(layout, data);
        FreqVocab vocab = FreqVocab.load(vocabFile);
        Path checkpoint = folder.checkpoint();
        ScorerLoader.Loaded loaded = loader.load(checkpoint);
        SequenceScorer scorer = loaded.scorer();
        if (vocab.vocabSize() != scorer.vocabSize()) {
            throw new UserInputException("vocabulary " + vocabFile + " has vocab_size " + vocab.vocabSize()
                    + " but model " + folder.name() + " (" + checkpoint + ") has vocab_size " + scorer.vocabSize()
                    + ": use the vocabulary the model was trained with (bert4rec all --vocab_filename), or retrain");
        }
        if (data.maxSeqLength() > scorer.maxSeqLength()) {
            throw new UserInputException("data config " + folder.dataConfig() + " has max_seq_length "
                    + data.maxSeqLength() + " but model " + folder.name() + " takes at most "
                    + scorer.maxSeqLength() + " positions (max_position_embeddings): prepare the data with the"
                    + " model's max_seq_length");
        }
        err.println("model " + folder.name() + ": " + checkpoint + " (step " + loaded.step() + "), vocabulary "
                + vocabFile + " (" + vocab.numItems() + " items)");
        err.flush();
        return new ModelContext(folder, data, vocab, vocabFile, scorer, loaded.step(), checkpoint);
    }

    /** The user dictionary {@code references/dics/dic_encoding_uid_user_id.pkl}. */
    public UidDictionary users() {
        return UidDictionary.load(usersFile());
    }

    public Path usersFile() {
        return folder.layout().dics().resolve(UidDictionary.PICKLE_NAME);
    }

    /** Original ids for items and users. */
    public VocabularyNames names() {
        return new VocabularyNames(vocab, users(), usersFile().toString());
    }

    /**
     * A processed TFRecord file that must exist; otherwise an error naming the {@code all} task that writes it.
     */
    public Path processedFile(String fileName, String allTasks) {
        Path file = folder.layout().processed().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " does not exist: write it with bert4rec all --task " + allTasks);
        }
        return file;
    }

    /** The vocabulary the data config names (relative paths from the repository root), else references/<p>.vocab. */
    private static Path vocabFile(ProjectLayout layout, DataConfig data) {
        Path standard = layout.references().resolve(layout.project() + ".vocab");
        if (data.vocabFile() == null || data.vocabFile().isBlank()) {
            return standard;
        }
        Path named = Path.of(data.vocabFile());
        named = named.isAbsolute() ? named : layout.root().resolve(named);
        return Files.isRegularFile(named) ? named : standard;
    }
}
