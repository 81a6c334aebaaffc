package org.bert4rec.train.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

    /** Parses a .npy file the way numpy's format module does; returns {rows, cols} and checks the data. */
    static float[][] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLen;
        assertEquals(0, dataStart % 64, "data must start at a multiple of 64");
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), "header ends with a newline");
        assertTrue(header.contains("'descr': '<f4'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        assertTrue(m.find(), header);
        int rows = Integer.parseInt(m.group(1));
        int cols = Integer.parseInt(m.group(2));
        assertEquals((long) rows * cols * Float.BYTES, bytes.length - dataStart, "data size");
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = data.getFloat();
            }
        }
        return out;
    }

    @Test
    void writesAHeaderNumpyParsesAndTheRowsInCOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.npy");
        int rows = 5000; // more than one buffer
        try (NpyWriter w = new NpyWriter(file, 3)) {
            for (int r = 0; r < rows; r++) {
                w.writeRow(new float[] {-1f, r, r + 0.5f, 7f}, 1);
            }
        }
        float[][] m = readNpy(file);
        assertEquals(rows, m.length);
        assertEquals(3, m[0].length);
        assertEquals(4999f, m[4999][0]);
        assertEquals(4999.5f, m[4999][1]);
        assertEquals(7f, m[4999][2]);
    }

    @Test
    void emptyMatrixHasShapeZeroRows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e.npy");
        new NpyWriter(file, 4).close();
        assertEquals(0, readNpy(file).length);
        assertEquals(NpyWriter.HEADER_BYTES, Files.size(file));
    }

    @Test
    void numpyItselfLoadsTheFile(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: numpy cross-check skipped");
        Path file = dir.resolve("n.npy");
        try (NpyWriter w = new NpyWriter(file, 2)) {
            w.writeRow(new float[] {1.5f, -2f}, 0);
            w.writeRow(new float[] {3f, 1e-3f}, 0);
        }
        Process p = new ProcessBuilder(python.toString(), "-c",
                "import numpy as np,sys; a=np.load(sys.argv[1]); print(a.dtype, a.shape, a[1,1])", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Assumptions.assumeFalse(out.contains("No module named"), "numpy is not installed: cross-check skipped");
        assertEquals("float32 (2, 2) 0.001", out);
    }
}
