package org.bert4rec.train.inference;

import java.io.IOException;
import java.nio.file.Path;

/** Lets other tests of this package read .npy files with the header-checking parser. */
final class NpyWriterTestAccess {
    private NpyWriterTestAccess() {
    }

    static float[][] read(Path file) throws IOException {
        return NpyWriterTest.readNpy(file);
    }
}
