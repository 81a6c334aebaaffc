/**
 * The {@code inference} stage: per user the top-K next items (original item and user ids, with scores) and the
 * output head's hidden vector as a user embedding.
 *
 * <p>Output formats. Parquet was the first choice (pandas and DuckDB read it directly), but the only well-kept Java
 * writer, parquet-java, still needs Hadoop's classes at run time to write even a local file (apache/parquet-java
 * issues #1497 and #2938, open): about 54 MB of jars (hadoop-client-api 19.6 MB, hadoop-client-runtime 30.4 MB,
 * parquet-hadoop and parquet-column 4.4 MB) for two tables. So items are written as CSV ({@code pd.read_csv},
 * DuckDB's {@code read_csv}) and embeddings as a NumPy {@code .npy} float32 matrix ({@code np.load}), both written
 * by this package with no dependency, both streamed so that memory stays flat however many users there are.
 */
package org.bert4rec.train.inference;
