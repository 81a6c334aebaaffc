/**
 * Ranking metrics for next-item prediction, the one implementation that validation ({@code train_val}) and the
 * {@code test} stage share.
 *
 * <p>A row is ranked by giving its true next item a rank: the number of other candidate items whose score is at
 * least the true item's (ties count against the model, so a model that scores everything alike gets the worst rank,
 * not the best). Candidates are every real item (full ranking, as Krichene &amp; Rendle, KDD 2020, and Klenitskiy
 * &amp; Vasilev, RecSys 2023, recommend), or the true item plus a seeded sample of negatives (the BERT4Rec paper's
 * protocol, kept for comparison with published tables). From the rank follow NDCG@k, HR@k, MRR and the seed
 * pipeline's rank100 counters.
 *
 * <p>The seed pipeline got this wrong in three ways that these classes fix: it compared every row of a batch with
 * the true item of the batch's first row, it shifted item ids by one when turning scores into items, and it dropped
 * rank 0 (a perfect hit) because it tested {@code if rank:}.
 */
package org.bert4rec.train.metrics;
