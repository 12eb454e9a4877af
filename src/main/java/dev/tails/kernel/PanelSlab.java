package dev.tails.kernel;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packed weights of a whole model in one block of native memory, handed out a weight at a time
 * (from several threads). Off the heap, hundreds of MB are never copied or scanned by the collector,
 * and each weight's panels start on a cache line.
 */
public final class PanelSlab implements PanelMemory {
    private final MemorySegment data;
    private final AtomicLong used = new AtomicLong();

    /** floats: the sum of {@link Panels#floats} of every weight to be packed. */
    public PanelSlab(long floats) {
        data = PanelMemory.allocate(floats * Float.BYTES);
    }

    @Override
    public MemorySegment take(long bytes) {
        long at = used.getAndAdd(bytes);
        if (at + bytes > data.byteSize()) {
            throw new IllegalStateException("panel slab of " + data.byteSize() + " bytes is full");
        }
        return data.asSlice(at, bytes);
    }
}
