package org.bert4rec.utils.runtime;

import java.util.Map;

/**
 * How many model replicas run side by side, one per thread: in training, each computes the gradient of its part of
 * the batch; in the scoring stages (test, inference, predict), each scores whole batches.
 *
 * <p>A forward or backward pass of BERT4Rec is mostly element-wise ops and small matrix products, which ND4J's own
 * threads barely speed up: on the 2 cores here one ML-1m inference took as long with 2 OpenMP threads as with 1,
 * while two single-threaded processes scored twice the users in the same time (docs/BENCHMARKS.md). So the launcher
 * runs the model commands with {@code OMP_NUM_THREADS=1}, and then each core works on its own replica. With any
 * other {@code OMP_NUM_THREADS} (the user's choice) there is one thread and ND4J threads the ops.
 */
public final class ModelThreads {
    /** OpenMP's thread count, read by libgomp (and so by ND4J and OpenBLAS) when it is loaded. */
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    /** OpenBLAS's own thread count, for an OpenBLAS built with its own threads rather than OpenMP. */
    public static final String OPENBLAS_NUM_THREADS = "OPENBLAS_NUM_THREADS";
    /** At most this many scoring replicas: each holds its own activation buffers (0.5 GB for ML-1m at batch 256). */
    public static final int MAX_REPLICAS = 4;

    /** The environment the launcher gives the model commands' child JVM (where the user has not set it). */
    public static final Map<String, String> SINGLE_THREADED_OPS = Map.of(OMP_NUM_THREADS, "1",
            OPENBLAS_NUM_THREADS, "1");

    private ModelThreads() {
    }

    /** Threads for replicas: one per core (at most {@value #MAX_REPLICAS}) when ops are single-threaded, else 1. */
    public static int replicas() {
        return replicas(System.getenv(OMP_NUM_THREADS), Runtime.getRuntime().availableProcessors());
    }

    static int replicas(String ompNumThreads, int cores) {
        return "1".equals(ompNumThreads == null ? null : ompNumThreads.trim())
                ? Math.max(1, Math.min(cores, MAX_REPLICAS)) : 1;
    }
}
