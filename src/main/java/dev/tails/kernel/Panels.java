package dev.tails.kernel;

/**
 * The B operand of {@link Gemm} packed the way its micro-kernel streams it: columns of B in panels
 * of {@link #WIDTH} (a tile's vectors), each panel k rows of WIDTH contiguous floats, zero-padded past
 * column n. A Linear weight is packed once at load; keys and values per (sequence, head).
 */
public final class Panels {
    static final int WIDTH = Tile.WIDTH;

    final float[] data;
    /** Where panel 0 starts in data: panels of many weights can share one array ({@link PanelSlab}). */
    private final int base;
    final int n;
    final int k;

    private Panels(int n, int k) {
        this(new float[floats(n, k)], 0, n, k);
    }

    Panels(float[] data, int base, int n, int k) {
        this.data = data;
        this.base = base;
        this.n = n;
        this.k = k;
    }

    /** Floats the panels of S [n, k] take, zero padding included. */
    public static long floats(long n, long k) {
        return (n + WIDTH - 1) / WIDTH * k * WIDTH;
    }

    private static int floats(int n, int k) {
        return Math.toIntExact(floats((long) n, k));
    }

    /** Rows of a matrix S [n, k] read a block at a time, e.g. straight from a mapped file. */
    @FunctionalInterface
    public interface RowReader {
        /** Rows [row, row + count) of S into dst, k floats each, one after another. */
        void read(int row, int count, float[] dst);
    }

    /** B = Sᵀ for S [n, k] at off with row stride ld: a Linear weight [out, in], or the keys of a head. */
    public static Panels ofRows(float[] s, int off, int ld, int n, int k) {
        Panels b = new Panels(n, k);
        b.packRows(s, off, ld, 0, n);
        return b;
    }

    /**
     * B = Sᵀ for S [n, k] read one panel's rows at a time: no copy of S is ever whole in memory
     * (bert-base would hold another 340 MB while its weights load).
     */
    public static Panels ofRows(RowReader s, int n, int k) {
        Panels b = new Panels(n, k);
        b.packRows(s);
        return b;
    }

    /** Fills these panels from S, one panel's rows at a time. */
    void packRows(RowReader s) {
        float[] rows = new float[WIDTH * k];
        for (int j0 = 0; j0 < n; j0 += WIDTH) {
            int count = Math.min(WIDTH, n - j0);
            s.read(j0, count, rows);
            packRows(rows, 0, k, j0, count);
        }
    }

    /** Rows [j0, j0 + count) of S, the first at off, ld apart, into their columns of B. */
    private void packRows(float[] s, int off, int ld, int j0, int count) {
        for (int j = 0; j < count; j++) {
            int base = offset((j0 + j) / WIDTH) + (j0 + j) % WIDTH;
            for (int p = 0; p < k; p++) {
                data[base + p * WIDTH] = s[off + j * ld + p];
            }
        }
    }

    /** B = S for S [k, n] at off with row stride ld: the values of a head. */
    public static Panels ofColumns(float[] s, int off, int ld, int k, int n) {
        Panels b = new Panels(n, k);
        for (int panel = 0; panel < b.count(); panel++) {
            int col = panel * WIDTH, cols = Math.min(WIDTH, n - col), to = b.offset(panel);
            for (int p = 0; p < k; p++) {
                System.arraycopy(s, off + p * ld + col, b.data, to + p * WIDTH, cols);
            }
        }
        return b;
    }

    /** Bᵀ as [n, k] again (a fresh array): what {@link #ofRows} was given. */
    public float[] unpackRows() {
        float[] s = new float[n * k];
        for (int j = 0; j < n; j++) {
            int base = offset(j / WIDTH) + j % WIDTH;
            for (int p = 0; p < k; p++) {
                s[j * k + p] = data[base + p * WIDTH];
            }
        }
        return s;
    }

    int count() {
        return count(n);
    }

    int offset(int panel) {
        return base + panel * k * WIDTH;
    }

    private static int count(int n) {
        return (n + WIDTH - 1) / WIDTH;
    }
}
