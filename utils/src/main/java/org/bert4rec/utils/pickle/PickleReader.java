package org.bert4rec.utils.pickle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import net.razorvine.pickle.Unpickler;
import org.bert4rec.utils.UserInputException;

/**
 * Loads a pickle file into Java objects: dicts become {@code HashMap}, lists {@code ArrayList}, tuples
 * {@code Object[]}, str {@code String}, int {@code Integer}/{@code Long}/{@code BigInteger}, bytes {@code byte[]};
 * the numpy and pandas globals below become {@link PythonObject}s; any other class with no constructor arguments
 * becomes razorvine's {@code ClassDict} (a map of its attributes).
 */
public final class PickleReader {

    /**
     * Globals that numpy, pandas and the seed's objects call with arguments. Both numpy 1.x ({@code numpy.core}) and
     * numpy 2.x ({@code numpy._core}) spellings are listed.
     */
    static final List<String> GENERIC_GLOBALS = List.of(
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
            "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.dtype", "numpy.ndarray",
            "pandas.core.frame.DataFrame", "pandas.core.series.Series",
            "pandas.core.internals.managers.BlockManager", "pandas.core.internals.managers.SingleBlockManager",
            "pandas._libs.internals._unpickle_block", "pandas._libs.internals.BlockPlacement",
            "pandas.core.internals.blocks.new_block", "pandas.core.internals.blocks.Block",
            "pandas.core.indexes.base._new_Index", "pandas.core.indexes.base.Index",
            "pandas.core.indexes.range.RangeIndex", "pandas.core.indexes.numeric.Int64Index",
            "builtins.slice", "__builtin__.slice",
            "collections.Counter", "collections.OrderedDict", "collections.defaultdict");

    static {
        for (String g : GENERIC_GLOBALS) {
            int dot = g.lastIndexOf('.');
            String module = g.substring(0, dot);
            String name = g.substring(dot + 1);
            Unpickler.registerConstructor(module, name, args -> new PythonObject(module, name, args));
        }
    }

    private PickleReader() {
    }

    /** Loads {@code file}; a missing or unreadable file is a {@link UserInputException} naming it. */
    public static Object load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return load(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new UserInputException("pickle file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a pickle from a stream; {@code source} names it in errors. */
    public static Object load(InputStream in, String source) throws IOException {
        Unpickler u = new Unpickler();
        try {
            return u.load(in);
        } catch (RuntimeException e) {
            throw new UserInputException(source + " is not a pickle this tool can read (" + e.getMessage()
                    + "): write it with pandas' to_pickle or Python's pickle.dump, or use CSV/TSV/JSON Lines", e);
        } finally {
            u.close();
        }
    }
}
