package org.bert4rec.utils.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bert4rec.utils.tfrecord.TfRecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class EventFileWriterTest {

    @Test
    void eventBytesMatchTheFormatsCheckVector() {
        // FORMATS.md §3: Event{wall_time 1.0, step 3, summary{tag "loss", simple_value 0.5}}
        Event e = Event.newBuilder().setWallTime(1.0).setStep(3).setSummary(Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag("loss").setSimpleValue(0.5f))).build();
        assertArrayEquals(HexFormat.of().parseHex("09000000000000f03f10032a0d0a0b0a046c6f7373150000003f"),
                e.toByteArray());
    }

    @Test
    void writesVersionThenScalarEventsThatReadBack(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        Path file;
        try (EventFileWriter w = EventFileWriter.create(dir, clock)) {
            w.scalar("loss", 7.25, 1);
            w.scalar("loss", 6.5, 2);
            file = w.file();
        }
        assertTrue(file.getFileName().toString().startsWith("events.out.tfevents.1700000000."), file.toString());
        List<Event> events = new ArrayList<>();
        try (TfRecordReader r = TfRecordReader.open(file)) {
            while (r.next()) {
                events.add(Event.parseFrom(java.util.Arrays.copyOf(r.data(), r.length())));
            }
        }
        assertEquals(3, events.size());
        assertEquals(EventFileWriter.FILE_VERSION, events.get(0).getFileVersion());
        assertEquals(1.7e9, events.get(0).getWallTime());
        assertEquals(2, events.get(2).getStep());
        assertEquals("loss", events.get(2).getSummary().getValue(0).getTag());
        assertEquals(6.5f, events.get(2).getSummary().getValue(0).getSimpleValue());
    }

    @Test
    void secondWriterInTheSameSecondGetsItsOwnFile(@TempDir Path dir) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        try (EventFileWriter a = EventFileWriter.create(dir, clock);
                EventFileWriter b = EventFileWriter.create(dir, clock)) {
            assertTrue(!a.file().equals(b.file()));
            assertTrue(Files.exists(a.file()) && Files.exists(b.file()));
        }
    }
}
