package org.bert4rec.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tfrecord.TfRecordReader;

/**
 * Streams {@link MaskedLmInstance}s from a TFRecord file of tf.train.Examples, checking that every vector has the
 * length the data config promises: a file prepared with another max_seq_length would otherwise train silently on
 * misaligned tensors. Errors name the file, the record index and the feature.
 */
public final class InstanceReader implements Iterator<MaskedLmInstance>, AutoCloseable {
    private final TfRecordReader records;
    private final int maxSeqLength;
    private final int maxPredictions;
    private MaskedLmInstance next;

    /**
     * @param maxSeqLength   expected length of input_ids and input_mask, or 0 to accept any
     * @param maxPredictions expected length of the three masked_lm vectors, or 0 to accept any
     */
    public InstanceReader(Path file, int maxSeqLength, int maxPredictions) {
        this.records = TfRecordReader.open(file);
        this.maxSeqLength = maxSeqLength;
        this.maxPredictions = maxPredictions;
    }

    @Override
    public boolean hasNext() {
        if (next == null && records.next()) {
            next = decode(records.data(), records.length());
        }
        return next != null;
    }

    @Override
    public MaskedLmInstance next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MaskedLmInstance n = next;
        next = null;
        return n;
    }

    /** Index of the record last returned. */
    public long recordIndex() {
        return records.index();
    }

    /** Decodes and checks one record's bytes as the record at the reader's current index. */
    MaskedLmInstance decode(byte[] data, int length) {
        MaskedLmInstance inst;
        try {
            inst = InstanceCodec.decode(data, 0, length);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        checkLength(InstanceCodec.INPUT_IDS, inst.inputIds().length, maxSeqLength);
        checkLength(InstanceCodec.INPUT_MASK, inst.inputMask().length,
                maxSeqLength > 0 ? maxSeqLength : inst.inputIds().length);
        checkLength(InstanceCodec.MASKED_LM_POSITIONS, inst.maskedLmPositions().length, maxPredictions);
        int p = inst.maskedLmPositions().length;
        checkLength(InstanceCodec.MASKED_LM_IDS, inst.maskedLmIds().length, maxPredictions > 0 ? maxPredictions : p);
        checkLength(InstanceCodec.MASKED_LM_WEIGHTS, inst.maskedLmWeights().length,
                maxPredictions > 0 ? maxPredictions : p);
        return inst;
    }

    private void checkLength(String feature, int actual, int expected) {
        if (expected > 0 && actual != expected) {
            throw error("feature " + feature + " has " + actual + " values, expected " + expected
                    + " (max_seq_length / max_predictions_per_seq of the data config); prepare the data again with"
                    + " bert4rec all or use the matching config");
        }
    }

    private UserInputException error(String what) {
        return new UserInputException("TFRecord file " + records.source() + ", record " + records.index() + ": "
                + what);
    }

    @Override
    public void close() {
        records.close();
    }
}
