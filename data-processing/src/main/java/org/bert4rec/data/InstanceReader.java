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
        return decodeChecked(data, length, maxSeqLength, maxPredictions, records.source(), records.index());
    }

    /**
     * Decodes a record and checks its vector lengths ({@code 0} = accept any), or throws a
     * {@link UserInputException} naming {@code source}, the record index and the feature.
     */
    static MaskedLmInstance decodeChecked(byte[] data, int length, int maxSeqLength, int maxPredictions,
            String source, long index) {
        MaskedLmInstance inst;
        String problem;
        try {
            inst = InstanceCodec.decode(data, 0, length);
            problem = shapeProblem(inst, maxSeqLength, maxPredictions);
        } catch (IllegalArgumentException e) {
            inst = null;
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new UserInputException("TFRecord file " + source + ", record " + index + ": " + problem);
        }
        return inst;
    }

    private static String shapeProblem(MaskedLmInstance inst, int maxSeqLength, int maxPredictions) {
        int seq = maxSeqLength > 0 ? maxSeqLength : inst.inputIds().length;
        int preds = maxPredictions > 0 ? maxPredictions : inst.maskedLmPositions().length;
        String p = lengthProblem(InstanceCodec.INPUT_IDS, inst.inputIds().length, seq);
        p = p != null ? p : lengthProblem(InstanceCodec.INPUT_MASK, inst.inputMask().length, seq);
        p = p != null ? p : lengthProblem(InstanceCodec.MASKED_LM_POSITIONS, inst.maskedLmPositions().length, preds);
        p = p != null ? p : lengthProblem(InstanceCodec.MASKED_LM_IDS, inst.maskedLmIds().length, preds);
        return p != null ? p : lengthProblem(InstanceCodec.MASKED_LM_WEIGHTS, inst.maskedLmWeights().length, preds);
    }

    private static String lengthProblem(String feature, int actual, int expected) {
        return actual == expected ? null : "feature " + feature + " has " + actual + " values, expected " + expected
                + " (max_seq_length / max_predictions_per_seq of the data config); prepare the data again with"
                + " bert4rec all or use the matching config";
    }

    @Override
    public void close() {
        records.close();
    }
}
