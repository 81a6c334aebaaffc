package org.bert4rec.train.eval;

/**
 * Turns the model's internal ids back into the ids a user knows: item ids through the vocabulary, user ids through
 * the uid dictionary. The seed pipeline wrote internal ids (and item ids shifted by one) into its outputs; every
 * file these stages write uses these names instead.
 */
public interface IdNames {
    /** The original id of the item with vocabulary id {@code id}. */
    String item(int id);

    /** The original id of the user with encoded id {@code encoded}. */
    String user(long encoded);
}
