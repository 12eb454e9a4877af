package dev.tails.io.tf;

/**
 * LevelDB's masked crc32c, which TensorFlow also stores per tensor. Masking keeps a crc of data
 * that itself contains crcs from being trivially related to them.
 */
public final class MaskedCrc32c {
    private static final int DELTA = 0xa282ead8;

    private MaskedCrc32c() {
    }

    public static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + DELTA;
    }

    public static int unmask(int masked) {
        return Integer.rotateLeft(masked - DELTA, 15);
    }

}
