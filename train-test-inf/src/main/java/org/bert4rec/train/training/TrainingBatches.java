package org.bert4rec.train.training;

import java.nio.file.Path;
import java.util.Arrays;
import org.bert4rec.data.DataConfig;
import org.bert4rec.data.MaskedLmInstance;
import org.bert4rec.data.TrainingStream;
import org.bert4rec.data.all.DynamicMasking;
import org.bert4rec.model.ModelBatch;

/**
 * The training TFRecord as an endless, shuffled, seeded stream of model batches, positioned after the instances a
 * resumed run had already consumed; optionally each instance masked afresh as it is read ({@link DynamicMasking}).
 */
public final class TrainingBatches implements BatchSource, AutoCloseable {
    private final TrainingStream stream;
    private final int batchSize;
    private final DynamicMasking remasking;
    private long instancesRead;

    private TrainingBatches(TrainingStream stream, int batchSize, DynamicMasking remasking, long instancesRead) {
        this.stream = stream;
        this.batchSize = batchSize;
        this.remasking = remasking;
        this.instancesRead = instancesRead;
    }

    /**
     * @param file              the training TFRecord
     * @param data              the data config (record lengths)
     * @param batchSize         sequences per batch
     * @param shuffleBuffer     records in the shuffle buffer
     * @param seed              shuffling seed
     * @param instancesConsumed instances read before this run (resume)
     * @param remasking         masks every instance afresh as it is read; null = the file's maskings
     */
    public static TrainingBatches open(Path file, DataConfig data, int batchSize, int shuffleBuffer, long seed,
            long instancesConsumed, DynamicMasking remasking) {
        TrainingStream stream = new TrainingStream(file, data.maxSeqLength(), data.maxPredictionsPerSeq(),
                shuffleBuffer, seed);
        try {
            stream.skip(instancesConsumed);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new TrainingBatches(stream, batchSize, remasking, instancesConsumed);
    }

    @Override
    public ModelBatch next() {
        MaskedLmInstance[] batch = stream.nextBatch(batchSize);
        if (remasking != null) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = remasking.remask(batch[i], instancesRead + i);
            }
        }
        instancesRead += batch.length;
        return InstanceBatches.toBatch(Arrays.asList(batch));
    }

    @Override
    public void close() {
        stream.close();
    }
}
