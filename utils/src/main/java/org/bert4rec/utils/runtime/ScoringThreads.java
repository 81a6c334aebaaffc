package org.bert4rec.utils.runtime;

/**
 * How many model replicas the scoring stages (test, inference, predict) run side by side.
 *
 * <p>A forward pass of BERT4Rec is mostly element-wise ops and small matrix products, which ND4J's own threads barely
 * speed up: on the 2 cores here one ML-1m inference took as long with 2 OpenMP threads as with 1, while two
 * single-threaded processes scored twice the users in the same time (docs/BENCHMARKS.md). So the launcher runs those
 * stages with {@code OMP_NUM_THREADS=1}, and then each core scores its own batches with its own replica of the
 * model. With any other {@code OMP_NUM_THREADS} (the user's choice) there is one replica and ND4J threads the ops.
 */
public final class ScoringThreads {
    /** OpenMP's thread count, read by libgomp (and so by ND4J and OpenBLAS) when it is loaded. */
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    /** OpenBLAS's own thread count, for an OpenBLAS built with its own threads rather than OpenMP. */
    public static final String OPENBLAS_NUM_THREADS = "OPENBLAS_NUM_THREADS";
    /** At most this many replicas: each holds its own activation buffers (about 0.5 GB for ML-1m at batch 256). */
    public static final int MAX_REPLICAS = 4;

    private ScoringThreads() {
    }

    /** Replicas to score with: one per core (at most {@value #MAX_REPLICAS}) when ops are single-threaded, else 1. */
    public static int replicas() {
        return replicas(System.getenv(OMP_NUM_THREADS), Runtime.getRuntime().availableProcessors());
    }

    static int replicas(String ompNumThreads, int cores) {
        return "1".equals(ompNumThreads == null ? null : ompNumThreads.trim())
                ? Math.max(1, Math.min(cores, MAX_REPLICAS)) : 1;
    }
}
