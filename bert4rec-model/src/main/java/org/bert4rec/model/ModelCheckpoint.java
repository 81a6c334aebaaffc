package org.bert4rec.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.bert4rec.model.layers.Parameter;
import org.bert4rec.model.optim.AdamWeightDecay;
import org.bert4rec.utils.UserInputException;
import org.bert4rec.utils.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The on-disk form of a model: a folder with {@code bert_config.json} (the seed's format), {@code state.json}
 * (step, seed, precision, optimiser settings, the parameter names and shapes, a CRC-32 of the arrays) and
 * {@code parameters.bin} (for each parameter in order: weights, Adam m, Adam v; big-endian IEEE values of the
 * model's precision). The dropout random state is (seed, step), see {@link org.bert4rec.model.layers.Pass}.
 *
 * <p>The folder is written under a temporary sibling name and renamed, so a reader never sees a partial one; a
 * truncated or altered parameters file fails the CRC and is reported, so the trainer can fall back to an older one.
 */
final class ModelCheckpoint {
    static final String CONFIG_FILE = "bert_config.json";
    static final String STATE_FILE = "state.json";
    static final String ARRAYS_FILE = "parameters.bin";
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCheckpoint() {
    }

    /** What state.json holds. */
    record State(int formatVersion, long step, long seed, String dataType, TrainingHyperparams hyperparams,
            List<String> parameterNames, List<long[]> parameterShapes, long arraysCrc32) {
    }

    static void save(Bert4RecModel model, Path dir) {
        Path target = dir.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            model.config().save(tmp.resolve(CONFIG_FILE));
            AdamWeightDecay optimizer = model.optimizer();
            List<Parameter> params = optimizer.parameters();
            CRC32 crc = new CRC32();
            AtomicFiles.write(tmp.resolve(ARRAYS_FILE), raw -> {
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                for (int i = 0; i < params.size(); i++) {
                    writeArray(out, params.get(i).value());
                    writeArray(out, optimizer.firstMoment(i));
                    writeArray(out, optimizer.secondMoment(i));
                }
                out.flush();
            });
            State state = new State(FORMAT_VERSION, model.step(), model.seed(), model.dataType().name(),
                    model.hyperparams(), params.stream().map(Parameter::name).toList(),
                    params.stream().map(p -> p.value().shape()).toList(), crc.getValue());
            AtomicFiles.writeString(tmp.resolve(STATE_FILE), JSON.writeValueAsString(state) + "\n");
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old);
            }
            AtomicFiles.move(tmp, target);
            deleteTree(old);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("could not write model checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    static Bert4RecModel load(Path dir) {
        return load(dir, null);
    }

    /** Loads {@code dir}; a non-null {@code hyper} replaces the saved optimiser settings (a longer schedule). */
    static Bert4RecModel load(Path dir, TrainingHyperparams hyper) {
        Path stateFile = dir.resolve(STATE_FILE);
        Path arraysFile = dir.resolve(ARRAYS_FILE);
        if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(arraysFile)) {
            throw new UserInputException("model checkpoint " + dir + " is incomplete (needs " + STATE_FILE + " and "
                    + ARRAYS_FILE + "); use another checkpoint or retrain");
        }
        Bert4RecConfig config = Bert4RecConfig.load(dir.resolve(CONFIG_FILE));
        State state;
        try {
            state = JSON.readValue(stateFile.toFile(), State.class);
        } catch (IOException e) {
            throw new UserInputException("model checkpoint " + stateFile + " is unreadable (" + e.getMessage()
                    .lines().findFirst().orElse("") + "); use another checkpoint or retrain", e);
        }
        if (state.formatVersion() != FORMAT_VERSION) {
            throw new UserInputException("model checkpoint " + dir + " has format " + state.formatVersion()
                    + ", this version reads " + FORMAT_VERSION + "; retrain with this version");
        }
        Bert4RecModel model = Bert4RecModel.restore(config, hyper != null ? hyper : state.hyperparams(), state.seed(),
                DataType.valueOf(state.dataType()), state.step());
        AdamWeightDecay optimizer = model.optimizer();
        List<Parameter> params = optimizer.parameters();
        List<String> names = params.stream().map(Parameter::name).toList();
        if (!names.equals(state.parameterNames())) {
            throw new UserInputException("model checkpoint " + dir + " holds parameters " + state.parameterNames()
                    + " but bert_config.json implies " + names + "; the checkpoint is inconsistent: use another");
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(arraysFile);
                DataInputStream in = new DataInputStream(new CheckedInputStream(
                        new java.io.BufferedInputStream(raw, 1 << 16), crc))) {
            for (int i = 0; i < params.size(); i++) {
                long[] shape = state.parameterShapes().get(i);
                if (!Arrays.equals(shape, params.get(i).value().shape())) {
                    throw new UserInputException("model checkpoint " + dir + ": parameter " + names.get(i)
                            + " has shape " + Arrays.toString(shape) + ", the config implies "
                            + Arrays.toString(params.get(i).value().shape()) + "; use another checkpoint");
                }
                readArray(in, params.get(i).value());
                readArray(in, optimizer.firstMoment(i));
                readArray(in, optimizer.secondMoment(i));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
        } catch (IOException e) {
            throw new UserInputException("model checkpoint " + arraysFile + " is truncated or corrupt ("
                    + e.getMessage() + "); use another checkpoint", e);
        }
        if (crc.getValue() != state.arraysCrc32()) {
            throw new UserInputException("model checkpoint " + arraysFile + " fails its CRC-32 check; the file is "
                    + "corrupt: use another checkpoint");
        }
        return model;
    }

    private static void writeArray(DataOutputStream out, INDArray x) throws IOException {
        INDArray c = x.dup('c');
        if (c.dataType() == DataType.FLOAT) {
            for (float v : c.data().asFloat()) {
                out.writeFloat(v);
            }
        } else {
            for (double v : c.data().asDouble()) {
                out.writeDouble(v);
            }
        }
    }

    private static void readArray(DataInputStream in, INDArray target) throws IOException {
        int n = Math.toIntExact(target.length());
        INDArray values;
        if (target.dataType() == DataType.FLOAT) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readFloat();
            }
            values = Nd4j.createFromArray(v);
        } else {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
            }
            values = Nd4j.createFromArray(v);
        }
        target.assign(values.reshape('c', target.shape()));
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + root, e);
        }
    }
}
