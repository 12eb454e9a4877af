package dev.tails.kernel;

import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * Native memory reused by the panels a thread packs per call (attention's keys and values of one
 * head, a probe's weights per step), so that packing them allocates nothing after the first calls.
 * Panels taken before {@link #reset()} are overwritten by those taken after; one thread at a time.
 */
public final class PanelScratch implements PanelMemory {
    private MemorySegment memory = MemorySegment.NULL;
    private long used;

    /**
     * Scratch for one user (e.g. attention), one per thread, handed out emptied: the user gets it at the
     * start of each piece of work. Each user keeps its own, so two never share one.
     */
    public static Supplier<PanelScratch> perThread() {
        ThreadLocal<PanelScratch> local = ThreadLocal.withInitial(PanelScratch::new);
        return () -> {
            PanelScratch scratch = local.get();
            scratch.reset();
            return scratch;
        };
    }

    /** Lets the next panels reuse the memory from the start. */
    void reset() {
        used = 0;
    }

    @Override
    public MemorySegment take(long bytes) {
        if (used + bytes > memory.byteSize()) {
            // Panels already taken keep the old block alive (and valid) until they are dropped.
            memory = PanelMemory.allocate(Math.max(bytes, 2 * memory.byteSize()));
            used = 0;
        }
        MemorySegment slice = memory.asSlice(used, bytes);
        used += bytes;
        return slice;
    }
}
