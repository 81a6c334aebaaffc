package org.bert4rec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.tfrecord.TfRecordWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingStreamTest {
    static final int N = 37;

    /** A file of N instances whose info is their record index. */
    static Path file(Path dir) throws Exception {
        Path f = dir.resolve("train.tfrecord");
        InstanceCodec codec = new InstanceCodec();
        try (OutputStream out = Files.newOutputStream(f)) {
            TfRecordWriter w = new TfRecordWriter(out);
            for (int i = 0; i < N; i++) {
                w.write(codec.toBytes(new MaskedLmInstance(i, new int[] {i, 1, 0}, new int[] {1, 1, 0},
                        new int[] {1}, new int[] {5}, new float[] {1f})));
            }
        }
        return f;
    }

    static List<Long> take(TrainingStream s, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.next().info());
        }
        return out;
    }

    @Test
    void eachEpochIsAPermutationAndEpochsDiffer(@TempDir Path dir) throws Exception {
        try (TrainingStream s = new TrainingStream(file(dir), 3, 1, 8, 42)) {
            assertEquals(N, s.epochSize());
            List<Long> e0 = take(s, N);
            List<Long> e1 = take(s, N);
            assertEquals(N, new HashSet<>(e0).size());
            assertEquals(N, new HashSet<>(e1).size());
            assertNotEquals(e0, e1);
            assertEquals(2L * N, s.position());
            assertEquals(1, s.epoch());
        }
    }

    @Test
    void bufferBoundsHowFarARecordMoves(@TempDir Path dir) throws Exception {
        int buffer = 5;
        try (TrainingStream s = new TrainingStream(file(dir), 3, 1, buffer, 1)) {
            List<Long> e0 = take(s, N);
            for (int i = 0; i < N; i++) {
                // the i-th output comes from the first i + buffer records of the file
                assertTrue(e0.get(i) < i + buffer, "output " + i + " was record " + e0.get(i));
            }
        }
        try (TrainingStream s = new TrainingStream(file(dir), 3, 1, 1, 1)) {
            List<Long> inOrder = take(s, N);
            for (int i = 0; i < N; i++) {
                assertEquals(i, inOrder.get(i));
            }
        }
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder(@TempDir Path dir) throws Exception {
        Path f = file(dir);
        try (TrainingStream a = new TrainingStream(f, 3, 1, 16, 9);
                TrainingStream b = new TrainingStream(f, 3, 1, 16, 9);
                TrainingStream c = new TrainingStream(f, 3, 1, 16, 10)) {
            List<Long> x = take(a, 3 * N);
            assertEquals(x, take(b, 3 * N));
            assertNotEquals(x, take(c, 3 * N));
        }
    }

    @Test
    void resumeAfterKInstancesMatchesContinuing(@TempDir Path dir) throws Exception {
        Path f = file(dir);
        List<Long> reference;
        try (TrainingStream s = new TrainingStream(f, 3, 1, 10, 3)) {
            reference = take(s, 4 * N);
        }
        for (int k : new int[] {0, 1, 9, N - 1, N, N + 1, 2 * N + 17}) {
            try (TrainingStream s = new TrainingStream(f, 3, 1, 10, 3)) {
                s.skip(k);
                assertEquals(k, s.position());
                assertEquals(reference.subList(k, k + N), take(s, N), "resume after " + k);
            }
        }
        try (TrainingStream s = new TrainingStream(f, 3, 1, 10, 3)) {
            take(s, 50);
            s.skip(20); // backwards: replays from the start of the epoch
            assertEquals(reference.subList(20, 40), take(s, 20));
        }
    }

    @Test
    void batchesAndShapeChecks(@TempDir Path dir) throws Exception {
        Path f = file(dir);
        try (TrainingStream s = new TrainingStream(f, 3, 1, 4, 3)) {
            MaskedLmInstance[] b = s.nextBatch(50);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < N; i++) {
                seen.add(b[i].info());
            }
            assertEquals(N, seen.size());
            assertEquals(3, b[0].inputIds().length);
        }
        try (TrainingStream s = new TrainingStream(f, 4, 1, 4, 3)) {
            UserInputException e = assertThrows(UserInputException.class, s::next);
            assertTrue(e.getMessage().contains("input_ids has 3 values, expected 4"), e.getMessage());
        }
    }
}
