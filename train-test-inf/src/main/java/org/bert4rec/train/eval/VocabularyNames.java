package org.bert4rec.train.eval;

import org.bert4rec.data.FreqVocab;
import org.bert4rec.data.UidDictionary;
import org.bert4rec.utils.UserInputException;

/**
 * The project's vocabulary and user dictionary behind {@link IdNames} and {@link ItemVocabulary}.
 */
public final class VocabularyNames implements IdNames, ItemVocabulary {
    private final FreqVocab vocab;
    private final UidDictionary users;
    private final String usersSource;

    /**
     * @param users       the uid dictionary, or null to write encoded ids where original user ids would go
     * @param usersSource names the dictionary file in messages
     */
    public VocabularyNames(FreqVocab vocab, UidDictionary users, String usersSource) {
        this.vocab = vocab;
        this.users = users;
        this.usersSource = usersSource;
    }

    @Override
    public String item(int id) {
        return vocab.itemOf(id);
    }

    @Override
    public String user(long encoded) {
        if (users == null) {
            return Long.toString(encoded);
        }
        if (encoded < 0 || encoded >= users.size()) {
            throw new UserInputException("user dictionary " + usersSource + " has " + users.size() + " users but the"
                    + " data holds encoded user id " + encoded + ": the dictionary and the data do not match; run"
                    + " bert4rec raw and all again");
        }
        return users.originalId((int) encoded);
    }

    @Override
    public int idOf(String item) {
        return vocab.idOf(item);
    }

    @Override
    public String itemOf(int id) {
        return vocab.itemOf(id);
    }

    @Override
    public int numItems() {
        return vocab.numItems();
    }

    @Override
    public int maskId() {
        return vocab.maskId();
    }

    @Override
    public int vocabSize() {
        return vocab.vocabSize();
    }

    /** Occurrence counts indexed by item id, for popularity-sampled negatives. */
    public long[] popularity() {
        long[] counts = new long[vocab.vocabSize()];
        for (int id = 1; id <= vocab.numItems(); id++) {
            counts[id] = vocab.count(id);
        }
        return counts;
    }
}
