package org.bert4rec.data;

import java.nio.file.Path;
import java.util.Arrays;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tfrecord.TfRecordReader;

/**
 * The training input: the training TFRecord file read epoch after epoch, forever, shuffled through a buffer of
 * {@code bufferSize} records as tf.data's {@code shuffle(buffer).repeat()} does (fill the buffer; emit a random
 * slot and refill it with the next record; at the end of the file drain the buffer in random order). The shuffle of
 * epoch e is seeded by (seed, e), so a run is reproducible, and memory is bounded by the buffer.
 *
 * <p>Resuming: {@link #skip(long)} moves to the position a run reached after consuming that many instances
 * (epoch = n / epochSize, offset = n mod epochSize) by replaying that epoch's shuffle without decoding: it reads at
 * most one epoch of records. What follows is exactly what an uninterrupted run would have read.
 *
 * <p>Not thread-safe.
 */
public final class TrainingStream implements AutoCloseable {
    private static final long EPOCH_STREAM = 0x7e57L;

    private final Path file;
    private final int maxSeqLength;
    private final int maxPredictions;
    private final int bufferSize;
    private final long seed;
    private final long epochSize;

    private TfRecordReader reader;
    private SplitMix64 rng;
    private final byte[][] slots;
    private final int[] slotLength;
    private final long[] slotRecord;
    private int filled;
    private boolean readerHasMore;
    private long epoch = -1;
    private long offset;

    /**
     * @param file           the training TFRecord file
     * @param maxSeqLength   expected input length (from the data config); 0 = accept any
     * @param maxPredictions expected prediction slots (from the data config); 0 = accept any
     * @param bufferSize     shuffle buffer, in records (1 = file order)
     * @param seed           shuffle seed
     */
    public TrainingStream(Path file, int maxSeqLength, int maxPredictions, int bufferSize, long seed) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("shuffle buffer must hold at least 1 record, got " + bufferSize);
        }
        this.file = file;
        this.maxSeqLength = maxSeqLength;
        this.maxPredictions = maxPredictions;
        this.bufferSize = bufferSize;
        this.seed = seed;
        this.epochSize = TfRecordReader.countRecords(file);
        if (epochSize == 0) {
            throw new UserInputException("training file " + file + " holds no records: run bert4rec all again");
        }
        int slotsNeeded = (int) Math.min(bufferSize, epochSize);
        this.slots = new byte[slotsNeeded][];
        this.slotLength = new int[slotsNeeded];
        this.slotRecord = new long[slotsNeeded];
        startEpoch(0);
    }

    /** Records per epoch (the file's record count). */
    public long epochSize() {
        return epochSize;
    }

    /** Instances consumed so far: epoch × epochSize + offset. */
    public long position() {
        return epoch * epochSize + offset;
    }

    /** The current epoch (0-based). */
    public long epoch() {
        return epoch;
    }

    /** Moves to the state after {@code instancesConsumed} instances from the very start. */
    public void skip(long instancesConsumed) {
        if (instancesConsumed < 0) {
            throw new IllegalArgumentException("cannot skip " + instancesConsumed + " instances");
        }
        long targetEpoch = instancesConsumed / epochSize;
        long targetOffset = instancesConsumed % epochSize;
        if (targetEpoch != epoch || targetOffset < offset) {
            startEpoch(targetEpoch);
        }
        while (offset < targetOffset) {
            replaceOrRemove(pick());
        }
    }

    /** The next instance (a fresh object the caller may keep). */
    public MaskedLmInstance next() {
        int j = pick();
        MaskedLmInstance inst = InstanceReader.decodeChecked(slots[j], slotLength[j], maxSeqLength, maxPredictions,
                file.toString(), slotRecord[j]);
        replaceOrRemove(j);
        return inst;
    }

    /** The next {@code n} instances. */
    public MaskedLmInstance[] nextBatch(int n) {
        MaskedLmInstance[] out = new MaskedLmInstance[n];
        for (int i = 0; i < n; i++) {
            out[i] = next();
        }
        return out;
    }

    /** Chooses the buffer slot emitted next, starting the next epoch when this one is done. */
    private int pick() {
        if (offset == epochSize) {
            startEpoch(epoch + 1);
        }
        offset++;
        return rng.nextInt(filled);
    }

    /** Refills slot {@code j} with the next record, or, at the end of the file, shrinks the buffer by one. */
    private void replaceOrRemove(int j) {
        if (readerHasMore && readInto(j)) {
            return;
        }
        filled--;
        swap(j, filled);
    }

    private void startEpoch(long e) {
        if (reader != null) {
            reader.close();
        }
        reader = TfRecordReader.open(file);
        rng = new SplitMix64(SplitMix64.derive(seed, EPOCH_STREAM, e));
        epoch = e;
        offset = 0;
        filled = 0;
        readerHasMore = true;
        while (filled < slots.length && readInto(filled)) {
            filled++;
        }
    }

    /** Reads the next record into slot {@code j}; false (slot untouched) at the end of the file. */
    private boolean readInto(int j) {
        if (!reader.next()) {
            readerHasMore = false;
            return false;
        }
        int len = reader.length();
        if (slots[j] == null || slots[j].length < len) {
            slots[j] = new byte[Math.max(len, 64)];
        }
        System.arraycopy(reader.data(), 0, slots[j], 0, len);
        slotLength[j] = len;
        slotRecord[j] = reader.index();
        return true;
    }

    private void swap(int a, int b) {
        byte[] t = slots[a];
        slots[a] = slots[b];
        slots[b] = t;
        int l = slotLength[a];
        slotLength[a] = slotLength[b];
        slotLength[b] = l;
        long r = slotRecord[a];
        slotRecord[a] = slotRecord[b];
        slotRecord[b] = r;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        Arrays.fill(slots, null);
    }
}
