package dev.tails.kernel;

/**
 * The B operand of {@link Gemm} packed the way its micro-kernel streams it: columns of B in panels
 * of {@link #WIDTH} (a tile's vectors), each panel k rows of WIDTH contiguous floats, zero-padded past
 * column n. A Linear weight is packed once at load; keys and values per (sequence, head).
 */
public final class Panels {
    static final int WIDTH = Tile.WIDTH;

    final float[] data;
    final int n;
    final int k;

    private Panels(int n, int k) {
        this.n = n;
        this.k = k;
        this.data = new float[count(n) * k * WIDTH];
    }

    /** B = Sᵀ for S [n, k] at off with row stride ld: a Linear weight [out, in], or the keys of a head. */
    public static Panels ofRows(float[] s, int off, int ld, int n, int k) {
        Panels b = new Panels(n, k);
        for (int j = 0; j < n; j++) {
            int base = b.offset(j / WIDTH) + j % WIDTH;
            for (int p = 0; p < k; p++) {
                b.data[base + p * WIDTH] = s[off + j * ld + p];
            }
        }
        return b;
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
        return panel * k * WIDTH;
    }

    private static int count(int n) {
        return (n + WIDTH - 1) / WIDTH;
    }
}
