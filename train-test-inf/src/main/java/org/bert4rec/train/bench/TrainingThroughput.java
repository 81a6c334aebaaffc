package org.bert4rec.train.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.bert4rec.data.InstanceReader;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.model.Bert4RecConfig;
import org.bert4rec.model.Bert4RecModel;
import org.bert4rec.model.ModelBatch;
import org.bert4rec.model.TrainingHyperparams;
import org.bert4rec.train.training.InstanceBatches;
import org.bert4rec.utils.runtime.ModelThreads;
import org.bert4rec.utils.runtime.PassiveOpenMp;

/**
 * The training-throughput benchmark, in the same mode as the PyTorch reference's {@code --bench_steps}: the first
 * batches of a training TFRecord, a few warm-up steps, then the median seconds of the timed steps. Prints one
 * {@code JAVA_REF key=value ...} line that scripts/bench_model.sh tabulates next to {@code TORCH_REF}.
 *
 * <p>Usage: {@code java -cp bert4rec.jar org.bert4rec.train.bench.TrainingThroughput TRAIN.tfrecord
 * BERT_CONFIG.json MAX_PREDICTIONS [BATCH=256] [STEPS=10] [WARMUP=3]}. GFLOP per step is the nominal count of the
 * padded model, as the reference counts it (our packed layout skips padding, so the work done is smaller).
 */
public final class TrainingThroughput {
    private TrainingThroughput() {
    }

    public static void main(String[] args) throws IOException {
        OptionalInt relaunched = PassiveOpenMp.relaunch(TrainingThroughput.class, args, List.of(),
                ModelThreads.SINGLE_THREADED_OPS);                                      // as the launcher does
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        if (args.length < 3) {
            System.err.println("usage: TrainingThroughput TRAIN.tfrecord BERT_CONFIG.json MAX_PREDICTIONS "
                    + "[BATCH=256] [STEPS=10] [WARMUP=3]");
            System.exit(2);
        }
        Path train = Path.of(args[0]);
        Bert4RecConfig config = Bert4RecConfig.load(Path.of(args[1]));
        int predictions = Integer.parseInt(args[2]);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int seqLen = config.maxPositionEmbeddings();

        List<ModelBatch> batches = new ArrayList<>();
        try (InstanceReader reader = new InstanceReader(train, seqLen, predictions)) {
            List<MaskedLmInstance> rows = new ArrayList<>();
            while (reader.hasNext() && batches.size() < warmup + steps) {
                rows.add(reader.next());
                if (rows.size() == batch) {
                    batches.add(InstanceBatches.toBatch(rows));
                    rows = new ArrayList<>();
                }
            }
        }
        if (batches.size() < warmup + steps) {
            throw new IllegalArgumentException(train + " holds fewer than " + (warmup + steps) + " batches of "
                    + batch);
        }
        double[] seconds = new double[steps];
        double loss = 0;
        long arenaBytes;
        try (Bert4RecModel model = Bert4RecModel.initialize(config,
                TrainingHyperparams.bert(1e-3, 100_000, 100), 12345)) {
            for (int i = 0; i < warmup + steps; i++) {
                long t = System.nanoTime();
                loss = model.trainStep(batches.get(i)).loss();
                if (i >= warmup) {
                    seconds[i - warmup] = (System.nanoTime() - t) / 1e9;
                }
            }
            arenaBytes = model.activationBytes();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double gflop = nominalFlopsPerSequence(config, seqLen, predictions) * batch / 1e9;
        System.out.printf("JAVA_REF mode=throughput batch=%d s_per_step=%.4f seq_per_s=%.1f gflop_per_step=%.1f "
                + "gflop_per_s=%.1f peak_rss_mb=%d activation_mb=%d loss=%.4f%n", batch, median, batch / median, gflop,
                gflop / median, peakRssMegabytes(), arenaBytes >> 20, loss);
    }

    /**
     * Multiply-adds ×2 of one padded sequence, forward and backward (×3): per layer the four attention projections,
     * the feed-forward pair and the two attention products; the output head on the predicted positions.
     */
    static double nominalFlopsPerSequence(Bert4RecConfig c, int seqLen, int predictions) {
        double h = c.hiddenSize();
        double layer = 4 * seqLen * h * h * 2 + 2 * seqLen * h * c.intermediateSize() * 2
                + 2.0 * seqLen * seqLen * h * 2;
        double head = predictions * (h * h * 2 + h * c.vocabSize() * 2.0);
        return 3 * (c.numHiddenLayers() * layer + head);
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not there. */
    static long peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
