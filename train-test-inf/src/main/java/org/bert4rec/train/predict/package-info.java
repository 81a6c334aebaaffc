/**
 * {@code predict}: next items for item chains given on the command line's input, without re-running data
 * preparation — for a new user, or to try a model by hand.
 *
 * <p>A chain is a list of original item ids, oldest first. Items the vocabulary does not know are dropped and
 * reported; the last max_seq_length - 1 known items are followed by [MASK], and the model scores that position, as
 * the inference records built by {@code all} do. A chain with no known item left gets the most popular items (the
 * first ids of the frequency-ordered vocabulary), flagged as such, rather than whatever the model makes of an empty
 * history.
 */
package org.bert4rec.train.predict;
