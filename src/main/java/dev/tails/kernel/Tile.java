package dev.tails.kernel;

/**
 * The shape of {@link Gemm}'s register tile, chosen from the vector width at class init: as many
 * accumulators as the registers hold beside the B vectors and a broadcast of A, without spills.
 * AVX2 (16 registers): 5 rows × 2 vectors; 6 × 2 or 4 × 3 spilled and ran at 60% on Zen 3.
 * AVX-512 (32 registers): 6 rows × 4 vectors, 24 accumulators; 5 × 2 reached ~63% of the FMA peak
 * on Zen 4, 6 × 4 ~77%, and 12 × 2 or 14 × 2 fall to ~50% with 3072-float rows of A, whose 12 or
 * 14 row streams map to the same L1 set.
 */
final class Tile {
    private Tile() {
    }

    private static final int LANES = Lanes.species().length();
    /** 16 lanes or more: AVX-512's 32 vector registers. */
    static final boolean WIDE = LANES >= 16;
    static final int ROWS = WIDE ? 6 : 5;
    static final int VECTORS = WIDE ? 4 : 2;
    /** Columns of C per tile: a panel of {@link Panels}. */
    static final int WIDTH = VECTORS * LANES;

    static String describe() {
        return ROWS + "x" + VECTORS + " tile";
    }
}
