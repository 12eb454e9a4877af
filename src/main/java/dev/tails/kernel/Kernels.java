package dev.tails.kernel;

import dev.tails.TailsException;

/**
 * The check that the Vector API is really there, and the line that says what the kernels use.
 * There is no silent scalar fallback: without {@code --add-modules jdk.incubator.vector} the
 * kernel classes fail to link (NoClassDefFoundError); start-up code calls
 * {@link #requireVectorApi()} first to get a message that says how to fix it. This class
 * mentions no vector type so that it loads without the module.
 */
public final class Kernels {
    private Kernels() {
    }

    /** Throws TailsException unless jdk.incubator.vector is loaded. */
    public static void requireVectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new TailsException("the Vector API module is missing: run the JVM with "
                    + "--add-modules jdk.incubator.vector (tails has no scalar fallback by design)");
        }
    }

    /** One line for start-up banners and benchmark logs, e.g. "FloatVector species Species[float, 16, S_512_BIT], 6x4 tile, 2 threads". */
    public static String describe() {
        requireVectorApi();
        return "FloatVector species " + species() + ", " + Tile.describe() + ", " + Parallel.threads() + " threads";
    }

    /** Float lanes per vector of the kernels: 8 with AVX2, 16 with AVX-512 (fewer when tails.vector.bits says so). */
    public static int lanes() {
        requireVectorApi();
        return Lanes.species().length();
    }

    /** The species of the kernels, e.g. "Species[float, 8, S_256_BIT]". */
    public static String species() {
        requireVectorApi();
        return Lanes.describeSpecies();
    }
}
