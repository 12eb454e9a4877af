package dev.tails.kernel;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelMemoryTest {
    /** 4 TiB of panels is past any JVM's direct-memory allowance: refused before any is allocated. */
    @Test
    void panelsPastTheNativeAllowanceAreRefusedByName() {
        TailsException e = assertThrows(TailsException.class, () -> new PanelSlab(1L << 40));
        assertTrue(e.getMessage().contains("4194304 MB of native memory"), e.getMessage());
        assertTrue(e.getMessage().contains("-XX:MaxDirectMemorySize"), e.getMessage());
    }

    @Test
    void everyPanelStartsOnACacheLine() {
        // Odd sizes: 70 outputs leave a part-filled panel, 33 rows of k an odd row count.
        PanelSlab slab = new PanelSlab(Panels.floats(70, 33) + Panels.floats(5, 17) + Panels.floats(64, 3));
        PanelScratch scratch = new PanelScratch();
        List<MemorySegment> taken = new ArrayList<>();
        for (int[] nk : new int[][]{{70, 33}, {5, 17}, {64, 3}}) {
            long bytes = Panels.floats(nk[0], nk[1]) * Float.BYTES;
            taken.add(slab.take(bytes));
            taken.add(scratch.take(bytes));
            taken.add(PanelMemory.OWN.take(bytes));
        }
        for (MemorySegment m : taken) {
            assertEquals(0, m.address() % PanelMemory.ALIGNMENT, "panels at " + m.address());
        }
    }

    @Test
    void scratchReusedAfterResetGivesTheSamePanelsAsFreshMemory() {
        Supplier<PanelScratch> scratch = PanelScratch.perThread();
        Random32 r = new Random32(3);
        // Fill the scratch with other numbers first, so stale floats would show in padding or data.
        Panels.ofRows(r.floats(130 * 40), 0, 40, 130, 40, scratch.get());
        float[] s = r.floats(37 * 19), a = r.floats(5 * 19);
        Panels reused = Panels.ofRows(s, 0, 19, 37, 19, scratch.get()), fresh = Panels.ofRows(s, 0, 19, 37, 19);
        assertArrayEquals(s, reused.unpackRows());
        assertArrayEquals(fresh.data.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT),
                reused.data.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT), "padding included");
        float[] c1 = new float[5 * 37], c2 = new float[5 * 37];
        Gemm.multiply(5, a, 0, 19, reused, 0, 19, null, c1, 0, 37);
        Gemm.multiply(5, a, 0, 19, fresh, 0, 19, null, c2, 0, 37);
        assertArrayEquals(c2, c1);
    }

    @Test
    void panelsTakenBeforeTheScratchGrowsStayValid() {
        PanelScratch scratch = new PanelScratch();
        Random32 r = new Random32(4);
        float[] keys = r.floats(9 * 8), values = r.floats(300 * 64);
        Panels small = Panels.ofRows(keys, 0, 8, 9, 8, scratch);
        Panels big = Panels.ofColumns(values, 0, 64, 300, 64, scratch); // more than the first block: a new one
        assertArrayEquals(keys, small.unpackRows());
        assertArrayEquals(Panels.ofColumns(values, 0, 64, 300, 64).unpackRows(), big.unpackRows());
    }
}
