package org.bert4rec.train.predict;

import java.util.List;

/**
 * What {@code predict} returns for one chain.
 *
 * @param id              the chain's id
 * @param items           original item ids, best first
 * @param scores          their scores (logits); NaN for popularity fallbacks, which the model did not rank
 * @param popularFallback true when no item of the chain was known and {@code items} are the most popular ones
 * @param unknownItems    the chain's items the vocabulary does not know, dropped before scoring
 * @param embedding       the output head's hidden vector at the predicted position, or null when not asked for
 */
public record Prediction(String id, List<String> items, float[] scores, boolean popularFallback,
                         List<String> unknownItems, float[] embedding) {
}
