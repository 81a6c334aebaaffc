/** The optimiser of the original BERT: AdamWeightDecay with global-norm clipping. */
package org.bert4rec.model.optim;
