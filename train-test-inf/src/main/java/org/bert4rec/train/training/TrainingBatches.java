package org.bert4rec.train.training;

import java.nio.file.Path;
import java.util.Arrays;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.TrainingStream;
import org.bert4rec.model.ModelBatch;

/**
 * The training TFRecord as an endless, shuffled, seeded stream of model batches, positioned after the instances a
 * resumed run had already consumed.
 */
public final class TrainingBatches implements BatchSource, AutoCloseable {
    private final TrainingStream stream;
    private final int batchSize;

    private TrainingBatches(TrainingStream stream, int batchSize) {
        this.stream = stream;
        this.batchSize = batchSize;
    }

    /**
     * @param file              the training TFRecord
     * @param data              the data config (record lengths)
     * @param batchSize         sequences per batch
     * @param shuffleBuffer     records in the shuffle buffer
     * @param seed              shuffling seed
     * @param instancesConsumed instances read before this run (resume)
     */
    public static TrainingBatches open(Path file, DataConfig data, int batchSize, int shuffleBuffer, long seed,
            long instancesConsumed) {
        TrainingStream stream = new TrainingStream(file, data.maxSeqLength(), data.maxPredictionsPerSeq(),
                shuffleBuffer, seed);
        try {
            stream.skip(instancesConsumed);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new TrainingBatches(stream, batchSize);
    }

    @Override
    public ModelBatch next() {
        return InstanceBatches.toBatch(Arrays.asList(stream.nextBatch(batchSize)));
    }

    @Override
    public void close() {
        stream.close();
    }
}
