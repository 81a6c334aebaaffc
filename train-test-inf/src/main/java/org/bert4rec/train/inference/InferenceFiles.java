package org.bert4rec.train.inference;

import java.nio.file.Path;

/**
 * The files {@code inference} writes in {@code projects/<p>/results/<model_name>/}, named after the seed's
 * {@code df_next_sids.pkl} and {@code df_next_sids_embs.pkl}.
 *
 * <ul>
 *   <li>{@value #ITEMS}: one row per (user, rank): {@code id} (original user id), {@code encoded_id}, {@code rank}
 *       (1 = best), {@code next_sid} (original item id), {@code score} (the logit). pandas:
 *       {@code pd.read_csv(f, dtype={'id': str, 'next_sid': str})}; the seed's list-per-user shape is
 *       {@code df.groupby('id', sort=False).next_sid.apply(list)}.</li>
 *   <li>{@value #EMBEDDINGS}: float32 {@code [users, hidden_size]}, row i belongs to row i of {@value #EMBEDDING_IDS}
 *       ({@code row, id, encoded_id}). NumPy: {@code np.load(f)}.</li>
 * </ul>
 */
public final class InferenceFiles {
    public static final String ITEMS = "df_next_sids.csv";
    public static final String EMBEDDINGS = "df_next_sids_embs.npy";
    public static final String EMBEDDING_IDS = "df_next_sids_embs_ids.csv";
    public static final String ITEMS_HEADER = "id,encoded_id,rank,next_sid,score";
    public static final String EMBEDDING_IDS_HEADER = "row,id,encoded_id";

    private InferenceFiles() {
    }

    public static Path items(Path resultsDir) {
        return resultsDir.resolve(ITEMS);
    }

    public static Path embeddings(Path resultsDir) {
        return resultsDir.resolve(EMBEDDINGS);
    }

    public static Path embeddingIds(Path resultsDir) {
        return resultsDir.resolve(EMBEDDING_IDS);
    }
}
