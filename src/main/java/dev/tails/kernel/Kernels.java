package dev.tails.kernel;

import dev.tails.TailsException;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses, and the check that the Vector API is really there.
 * There is no silent scalar fallback: without {@code --add-modules jdk.incubator.vector} the
 * kernels refuse to load and say how to fix it.
 */
public final class Kernels {
    private Kernels() {
    }

    /** Touching FloatVector only here keeps {@link #requireVectorApi()} callable without the module. */
    private static final class Preferred {
        static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
        /** SWAP[h] pairs lane i with lane i^h. */
        static final VectorShuffle<Float>[] SWAP = swaps(SPECIES);

        @SuppressWarnings("unchecked")
        private static VectorShuffle<Float>[] swaps(VectorSpecies<Float> s) {
            VectorShuffle<Float>[] swap = new VectorShuffle[s.length()];
            for (int h = 1; h < s.length(); h *= 2) {
                int half = h;
                swap[h] = VectorShuffle.fromOp(s, i -> i ^ half);
            }
            return swap;
        }
    }

    /**
     * Sum of the lanes in a fixed order (a halving tree). reduceLanes(ADD) may add in a different
     * order once C2 compiles it than when interpreted, so the same dot product could change its
     * last bits during warm-up; this one gives the same bits in every mode.
     */
    static float sumLanes(FloatVector v) {
        for (int h = v.length() / 2; h >= 1; h /= 2) {
            v = v.add(v.rearrange(Preferred.SWAP[h]));
        }
        return v.lane(0);
    }

    /** The float species of every kernel: the widest the CPU does well (16 lanes with AVX-512). */
    static VectorSpecies<Float> species() {
        requireVectorApi();
        return Preferred.SPECIES;
    }

    /**
     * The lanes of x from row + p on, zeros past the row's end n. Masked only where needed: on
     * AVX2 a masked load in a hot loop costs 2.5x the throughput.
     */
    static FloatVector load(float[] x, int row, int p, int n) {
        VectorSpecies<Float> s = Preferred.SPECIES;
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

    static void requireVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new TailsException("the Vector API module is missing: run the JVM with "
                    + "--add-modules jdk.incubator.vector (tails has no scalar fallback by design)");
        }
    }

    /** One line for start-up banners and benchmark logs, e.g. "FloatVector species Species[float, 16, S_512_BIT], 2 threads". */
    public static String describe() {
        return "FloatVector species " + species() + ", " + Parallel.threads() + " threads";
    }
}
