/**
 * A small synthetic project that a tiny BERT4Rec learns in a minute or two on a laptop: the smoke test of the whole
 * pipeline, and a dataset on which a working model must beat the most-popular baseline by a wide margin.
 */
package org.bert4rec.data.demo;
