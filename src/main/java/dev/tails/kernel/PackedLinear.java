package dev.tails.kernel;

/**
 * torch.nn.Linear, y = x·Wᵀ + b, with W packed once into {@link Panels} (the [out, in] original
 * is not kept: {@link #weight()} rebuilds it). Work is cut into fixed tasks of rows × panels, so
 * every element of y is computed once, by the same code, whatever the thread count.
 */
public final class PackedLinear {
    /** Panels per task: 64 columns (4 panels on AVX2, 1 on AVX-512); with ROWS rows, A's block (160 or 192 × 256 floats) stays in L2. */
    private static final int PANELS = Math.max(1, 64 / Panels.WIDTH);
    /** Rows per task, a multiple of the tile height: big batches also split along rows. */
    private static final int ROWS = 32 * Gemm.MR;

    private final Panels w;
    private final float[] bias;

    /** weight [out, in] as in the checkpoint; bias [out] or null. */
    public PackedLinear(float[] weight, float[] bias, int out, int in) {
        this(Panels.ofRows(weight, 0, in, out, in), bias);
    }

    /** A weight already packed (W [out, in] as Panels.ofRows of it); bias [out] or null. */
    public PackedLinear(Panels w, float[] bias) {
        this.w = w;
        this.bias = bias;
    }

    public int out() {
        return w.n;
    }

    public int in() {
        return w.k;
    }

    /** A fresh copy of W [out, in]. */
    public float[] weight() {
        return w.unpackRows();
    }

    public float[] bias() {
        return bias;
    }

    /** y[rows, out] = x[rows, in] · Wᵀ + bias. */
    public void forward(float[] x, int rows, float[] y) {
        forward(x, rows, y, RowOp.NONE);
    }

    /** The same, then `then` on each row of y (e.g. GELU: saves a pass over y through memory). */
    public void forward(float[] x, int rows, float[] y, RowOp then) {
        run(x, rows, 0, w.k, bias, y, 0, w.n, then);
    }

    /**
     * y[r, :] = x[r, k0..k1) · W[:, k0..k1)ᵀ, no bias, y's rows ldy apart from yOff: one head's
     * share of an attention output projection.
     */
    public void forwardSlice(float[] x, int rows, int k0, int k1, float[] y, int yOff, int ldy) {
        run(x, rows, k0, k1, null, y, yOff, ldy, RowOp.NONE);
    }

    private void run(float[] x, int rows, int k0, int k1, float[] b, float[] y, int yOff, int ldy, RowOp then) {
        int groups = (w.count() + PANELS - 1) / PANELS;
        int rowBlocks = (rows + ROWS - 1) / ROWS;
        Parallel.forRange(rowBlocks * groups, t -> {
            int r0 = t / groups * ROWS, p0 = t % groups * PANELS, nr = Math.min(ROWS, rows - r0);
            Gemm.block(nr, x, r0 * w.k, w.k, w, p0, Math.min(p0 + PANELS, w.count()), k0, k1, b, y, yOff + r0 * ldy, ldy);
            int col = p0 * Panels.WIDTH, cols = Math.min(PANELS * Panels.WIDTH, w.n - col);
            for (int r = r0; r < r0 + nr; r++) {
                then.apply(y, yOff + r * ldy + col, cols);
            }
        });
    }
}
