package org.bert4rec.utils.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import org.bert4rec.utils.tfrecord.TfRecordWriter;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Appends scalar summaries to a TensorBoard event file {@code events.out.tfevents.<unix seconds>.<host>}: a
 * TFRecord file whose first record is {@code Event{file_version: "brain.Event:2"}}, then one {@code Event} per step
 * with the step's scalars.
 *
 * <p>An event file is a log that TensorBoard reads while it grows, so it is appended and flushed after every event
 * rather than written atomically; a truncated last record (a killed process) is skipped by TensorBoard.
 */
public final class EventFileWriter implements Closeable {
    static final String FILE_VERSION = "brain.Event:2";

    private final Path file;
    private final Clock clock;
    private final OutputStream stream;
    private final TfRecordWriter records;

    private EventFileWriter(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.stream = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
        this.records = new TfRecordWriter(stream);
        write(Event.newBuilder().setWallTime(wallTime()).setFileVersion(FILE_VERSION).build());
    }

    /** Starts a new event file in {@code logDir} (created if needed). */
    public static EventFileWriter create(Path logDir) {
        return create(logDir, Clock.systemUTC());
    }

    static EventFileWriter create(Path logDir, Clock clock) {
        try {
            Files.createDirectories(logDir);
            long seconds = clock.millis() / 1000;
            String base = String.format("events.out.tfevents.%010d.%s", seconds, hostname());
            Path file = logDir.resolve(base);
            for (int i = 1; Files.exists(file); i++) {
                file = logDir.resolve(base + "." + i);
            }
            return new EventFileWriter(file, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a TensorBoard event file in " + logDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The event file being written. */
    public Path file() {
        return file;
    }

    /** Writes one scalar at {@code step}. */
    public void scalar(String tag, double value, long step) {
        scalars(Map.of(tag, value), step);
    }

    /** Writes several scalars at {@code step} as one event. */
    public void scalars(Map<String, Double> values, long step) {
        Summary.Builder summary = Summary.newBuilder();
        values.forEach((tag, v) -> summary.addValue(Summary.Value.newBuilder().setTag(tag)
                .setSimpleValue(v.floatValue())));
        write(Event.newBuilder().setWallTime(wallTime()).setStep(step).setSummary(summary).build());
    }

    private double wallTime() {
        return clock.millis() / 1000.0;
    }

    private void write(Event event) {
        try {
            records.write(event.toByteArray());
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && env.matches("[\\w.-]+")) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^\\w.-]", "_");
        } catch (IOException e) {
            return "localhost";
        }
    }
}
