/**
 * Scoring rows with a trained model, and the {@code test} stage.
 *
 * <p>{@link org.bert4rec.train.eval.SequenceScorer} is the narrow boundary between these stages and the model: ids
 * in, logits over the vocabulary and the output head's hidden vector out. {@link
 * org.bert4rec.train.eval.ScoringLoop} feeds it batches of rows of similar length (trailing padding cut off, which
 * changes nothing in the result and saves most of the forward pass for short histories) and hands each row's scores
 * back in file order. {@link org.bert4rec.train.eval.RankingEvaluator} turns those scores into the shared ranking
 * metrics; validation calls it too.
 */
package org.bert4rec.train.eval;
