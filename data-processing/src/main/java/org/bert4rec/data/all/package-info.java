/**
 * The {@code all} stage (the seed's data_processing_all_&lt;task&gt;, built on the original BERT4Rec gen_data): splits
 * each chain for the task, builds or reads the FreqVocab, makes masked-LM training instances from sliding windows
 * and the evaluation instances that mask each chain's last item, and writes them as TFRecord files.
 *
 * <p>Every instance draws its randomness from its own generator, seeded by (seed, window, masking round), and the
 * shuffle is one seeded permutation of instance numbers: the output is the same bytes for any thread count, and
 * instances can be encoded in parallel in output order with bounded memory.
 */
package org.bert4rec.data.all;
