package dev.tails.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The B operand of {@link Gemm} packed the way its micro-kernel streams it: columns of B in panels
 * of {@link #WIDTH} (a tile's vectors), each panel k rows of WIDTH contiguous floats, zero-padded past
 * column n, in native memory on cache lines ({@link PanelMemory}). A Linear weight is packed once at
 * load; keys and values per (sequence, head) into a thread's {@link PanelScratch}.
 */
public final class Panels {
    static final int WIDTH = Tile.WIDTH;
    /** Each thread's panel being built, reused from panel to panel. */
    private static final FloatScratch BUILDING = new FloatScratch();

    final MemorySegment data;
    final int n;
    final int k;

    private Panels(MemorySegment data, int n, int k) {
        this.data = data;
        this.n = n;
        this.k = k;
    }

    /** Floats the panels of S [n, k] take, zero padding included. */
    public static long floats(long n, long k) {
        return (n + WIDTH - 1) / WIDTH * k * WIDTH;
    }

    /** Rows of a matrix S [n, k] read a block at a time, e.g. straight from a mapped file. */
    @FunctionalInterface
    public interface RowReader {
        /** Rows [row, row + count) of S into dst, k floats each, one after another. */
        void read(int row, int count, float[] dst);
    }

    /** B = Sᵀ for S [n, k] at off with row stride ld: a Linear weight [out, in]. */
    public static Panels ofRows(float[] s, int off, int ld, int n, int k) {
        return ofRows(s, off, ld, n, k, PanelMemory.OWN);
    }

    /** The same in the given memory: the keys of a head in a thread's scratch. */
    public static Panels ofRows(float[] s, int off, int ld, int n, int k, PanelMemory memory) {
        return packed(n, k, memory, (p, cols, panel) -> transpose(s, off + p * WIDTH * ld, ld, cols, k, panel));
    }

    /**
     * B = Sᵀ for S [n, k] read one panel's rows at a time: no copy of S is ever whole in memory
     * (bert-base would hold another 340 MB while its weights load).
     */
    public static Panels ofRows(RowReader s, int n, int k, PanelMemory memory) {
        float[] rows = new float[WIDTH * k];
        return packed(n, k, memory, (p, cols, panel) -> {
            s.read(p * WIDTH, cols, rows);
            transpose(rows, 0, k, cols, k, panel);
        });
    }

    /** Rows [0, count) of S (the first at first, ld apart) as columns of a panel. */
    private static void transpose(float[] s, int first, int ld, int count, int k, float[] panel) {
        for (int j = 0; j < count; j++) {
            for (int q = 0; q < k; q++) {
                panel[q * WIDTH + j] = s[first + j * ld + q];
            }
        }
    }

    /** B = S for S [k, n] at off with row stride ld. */
    public static Panels ofColumns(float[] s, int off, int ld, int k, int n) {
        return ofColumns(s, off, ld, k, n, PanelMemory.OWN);
    }

    /** The same in the given memory: the values of a head in a thread's scratch. */
    public static Panels ofColumns(float[] s, int off, int ld, int k, int n, PanelMemory memory) {
        return packed(n, k, memory, (p, cols, panel) -> {
            for (int q = 0; q < k; q++) {
                System.arraycopy(s, off + q * ld + p * WIDTH, panel, q * WIDTH, cols);
            }
        });
    }

    /** Writes panel p's columns [0, cols) into a zeroed k × WIDTH array (columns past n stay zero). */
    @FunctionalInterface
    private interface PanelFill {
        void fill(int p, int cols, float[] panel);
    }

    /**
     * Panels for S [n, k] in memory, each built in a per-thread heap array, then copied out whole
     * (memory may be reused, so the padding is written too).
     */
    private static Panels packed(int n, int k, PanelMemory memory, PanelFill fill) {
        Panels b = new Panels(memory.take(floats(n, k) * Float.BYTES), n, k);
        int size = k * WIDTH;
        float[] panel = BUILDING.atLeast(size);
        for (int p = 0; p < b.count(); p++) {
            Arrays.fill(panel, 0, size, 0f);
            fill.fill(p, Math.min(WIDTH, n - p * WIDTH), panel);
            MemorySegment.copy(panel, 0, b.data, ValueLayout.JAVA_FLOAT, b.offset(p), size);
        }
        return b;
    }

    /** Bᵀ as [n, k] again (a fresh array): what {@link #ofRows} was given. */
    public float[] unpackRows() {
        float[] s = new float[n * k];
        for (int j = 0; j < n; j++) {
            long column = offset(j / WIDTH) / Float.BYTES + j % WIDTH;
            for (int p = 0; p < k; p++) {
                s[j * k + p] = data.getAtIndex(ValueLayout.JAVA_FLOAT, column + (long) p * WIDTH);
            }
        }
        return s;
    }

    int count() {
        return (n + WIDTH - 1) / WIDTH;
    }

    /** Byte offset of panel p in data. */
    long offset(int panel) {
        return (long) panel * k * WIDTH * Float.BYTES;
    }
}
