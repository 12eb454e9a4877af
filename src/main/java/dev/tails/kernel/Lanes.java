package dev.tails.kernel;

import dev.tails.TailsException;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** What the vector kernels share: the species, a deterministic lane sum, tail-aware loads and stores. */
final class Lanes {
    private Lanes() {
    }

    private static final VectorSpecies<Float> SPECIES = choose(Integer.getInteger("tails.vector.bits", 0));
    /** SWAP[h] pairs lane i with lane i^h. */
    private static final VectorShuffle<Float>[] SWAP = swaps(SPECIES);

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] swaps(VectorSpecies<Float> s) {
        VectorShuffle<Float>[] swap = new VectorShuffle[s.length()];
        for (int h = 1; h < s.length(); h *= 2) {
            int half = h;
            swap[h] = VectorShuffle.fromOp(s, i -> i ^ half);
        }
        return swap;
    }

    /**
     * Sum of the lanes in a fixed order (a halving tree). reduceLanes(ADD) may add in a different
     * order once C2 compiles it than when interpreted, so the same dot product could change its
     * last bits during warm-up; this one gives the same bits in every mode.
     */
    static float sum(FloatVector v) {
        for (int h = v.length() / 2; h >= 1; h /= 2) {
            v = v.add(v.rearrange(SWAP[h]));
        }
        return v.lane(0);
    }

    /**
     * The float species of every kernel: the widest the CPU does well (8 lanes with AVX2, 16 with
     * AVX-512), or narrower when the system property tails.vector.bits says so (e.g. 256), so that
     * an AVX-512 machine also tests the AVX2 path.
     */
    static VectorSpecies<Float> species() {
        return SPECIES;
    }

    /** The preferred species, or the one of `bits` (0: not set); wider than preferred would run unvectorised. */
    static VectorSpecies<Float> choose(int bits) {
        Kernels.requireVectorApi();
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bits == 0) {
            return preferred;
        }
        if (bits < 128 || bits > preferred.vectorBitSize() || Integer.bitCount(bits) != 1) {
            throw new TailsException("tails.vector.bits must be a power of two from 128 to this CPU's "
                    + preferred.vectorBitSize() + ", got " + bits);
        }
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /**
     * The lanes of x from row + p on, zeros past the row's end n. Masked only where needed: on
     * AVX2 a masked load in a hot loop costs 2.5x the throughput.
     */
    static FloatVector load(float[] x, int row, int p, int n) {
        VectorSpecies<Float> s = SPECIES;
        return p + s.length() <= n ? FloatVector.fromArray(s, x, row + p)
                : FloatVector.fromArray(s, x, row + p, s.indexInRange(p, n));
    }

    /** Stores the lanes of v to x from row + p on, up to the row's end n. */
    static void store(FloatVector v, float[] x, int row, int p, int n) {
        if (p + v.length() <= n) {
            v.intoArray(x, row + p);
        } else {
            v.intoArray(x, row + p, v.species().indexInRange(p, n));
        }
    }

    static String describeSpecies() {
        return SPECIES.toString();
    }
}
