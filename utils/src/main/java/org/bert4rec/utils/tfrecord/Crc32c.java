package org.bert4rec.utils.tfrecord;

import java.util.zip.CRC32C;

/**
 * The masked CRC32C that TFRecord framing uses (FORMATS.md section 1).
 *
 * <p>TensorFlow masks the Castagnoli checksum because a CRC computed over data that itself contains embedded CRCs
 * is weak; the mask is a rotation plus a constant. {@link CRC32C} is the JDK's hardware-accelerated Castagnoli CRC.
 */
public final class Crc32c {
    /** TensorFlow's mask constant ({@code kMaskDelta} in crc32c.h). */
    static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {
    }

    /** The plain (unmasked) CRC32C of {@code len} bytes of {@code data} from {@code off}. */
    public static int crc(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    /** The masked CRC32C of a slice, computed with a caller-owned (reused) checksum object. */
    public static int maskedCrc(CRC32C scratch, byte[] data, int off, int len) {
        scratch.reset();
        scratch.update(data, off, len);
        return mask((int) scratch.getValue());
    }

    /** The masked CRC32C of a slice. */
    public static int maskedCrc(byte[] data, int off, int len) {
        return mask(crc(data, off, len));
    }

    /** {@code ((c >>> 15) | (c << 17)) + 0xa282ead8}, modulo 2^32. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The inverse of {@link #mask}. */
    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }
}
