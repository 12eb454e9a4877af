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

    /** Empty panels for S [n, k], to be filled a panel at a time by {@link #pack}. */
    private static Panels allocate(int n, int k, PanelMemory memory) {
        return new Panels(memory.take(floats(n, k) * Float.BYTES), n, k);
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
        Panels b = allocate(n, k, memory);
        float[] panel = BUILDING.atLeast(WIDTH * k);
        for (int p = 0; p < b.count(); p++) {
            b.pack(p, panel, transposed(s, off, ld, p, Math.min(WIDTH, n - p * WIDTH), k));
        }
        return b;
    }

    /**
     * B = Sᵀ for S [n, k] read one panel's rows at a time: no copy of S is ever whole in memory
     * (bert-base would hold another 340 MB while its weights load).
     */
    public static Panels ofRows(RowReader s, int n, int k, PanelMemory memory) {
        Panels b = allocate(n, k, memory);
        float[] rows = new float[WIDTH * k], panel = BUILDING.atLeast(WIDTH * k);
        for (int p = 0; p < b.count(); p++) {
            int count = Math.min(WIDTH, n - p * WIDTH);
            s.read(p * WIDTH, count, rows);
            b.pack(p, panel, transposed(rows, 0, k, 0, count, k));
        }
        return b;
    }

    /** Rows [0, count) of panel p's S rows (the first at off, ld apart) as that panel's layout, into panel. */
    private static PanelFill transposed(float[] s, int off, int ld, int p, int count, int k) {
        int first = off + p * WIDTH * ld;
        return panel -> {
            for (int j = 0; j < count; j++) {
                for (int q = 0; q < k; q++) {
                    panel[q * WIDTH + j] = s[first + j * ld + q];
                }
            }
        };
    }

    /** B = S for S [k, n] at off with row stride ld. */
    public static Panels ofColumns(float[] s, int off, int ld, int k, int n) {
        return ofColumns(s, off, ld, k, n, PanelMemory.OWN);
    }

    /** The same in the given memory: the values of a head in a thread's scratch. */
    public static Panels ofColumns(float[] s, int off, int ld, int k, int n, PanelMemory memory) {
        Panels b = allocate(n, k, memory);
        float[] panel = BUILDING.atLeast(WIDTH * k);
        for (int p = 0; p < b.count(); p++) {
            int col = p * WIDTH, cols = Math.min(WIDTH, n - col);
            b.pack(p, panel, into -> {
                for (int q = 0; q < k; q++) {
                    System.arraycopy(s, off + q * ld + col, into, q * WIDTH, cols);
                }
            });
        }
        return b;
    }

    /** Fills a panel's k × WIDTH floats (columns past n stay zero). */
    @FunctionalInterface
    private interface PanelFill {
        void into(float[] panel);
    }

    /**
     * Panel p built in a heap array (at least k × WIDTH floats, reused), then copied out whole: memory
     * may be reused, so the padding is written too.
     */
    private void pack(int p, float[] panel, PanelFill fill) {
        int size = k * WIDTH;
        Arrays.fill(panel, 0, size, 0f);
        fill.into(panel);
        MemorySegment.copy(panel, 0, data, ValueLayout.JAVA_FLOAT, offset(p), size);
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
