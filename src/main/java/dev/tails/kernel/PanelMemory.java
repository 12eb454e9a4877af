package dev.tails.kernel;

import dev.tails.TailsException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where {@link Panels} are packed: native memory on 64-byte lines. Heap arrays start wherever the
 * collector puts them, and a 512-bit load of B that straddles two cache lines cost the micro-kernel
 * ~10% of its speed on AVX-512 (see README, "Against ONNX Runtime").
 */
@FunctionalInterface
public interface PanelMemory {
    /** Panels start on cache lines; a panel's row (WIDTH floats, 64 or 256 bytes) is a whole number of them. */
    long ALIGNMENT = 64;

    /**
     * Memory for panels of the given size, ALIGNMENT-aligned; its contents need not be zero.
     *
     * @param bytes the size, a multiple of ALIGNMENT
     * @return a segment of exactly that size
     */
    MemorySegment take(long bytes);

    /** Memory of their own for each set of panels, freed once they are unreachable. */
    PanelMemory OWN = PanelMemory::allocate;

    /** New native memory, freed by the collector; a clear error instead of an OutOfMemoryError. */
    static MemorySegment allocate(long bytes) {
        try {
            return Arena.ofAuto().allocate(bytes, ALIGNMENT);
        } catch (OutOfMemoryError e) {
            throw new TailsException("packed weights (GEMM panels) need " + (bytes >> 20) + " MB of native memory, more"
                    + " than this JVM may reserve (-XX:MaxDirectMemorySize, by default -Xmx): " + e.getMessage());
        }
    }
}
