package org.bert4rec.train.metrics;

/** How sampled negatives are drawn when a ranking uses a sample instead of every item. */
public enum NegativeSampling {
    /**
     * In proportion to how often each item occurs in the training data: the BERT4Rec paper's protocol (Sun et al.,
     * 2019, section 4.1: "100 negative items sampled according to their popularity").
     */
    POPULARITY,
    /** Every eligible item equally likely. */
    UNIFORM
}
