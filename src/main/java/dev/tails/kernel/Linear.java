package dev.tails.kernel;

/**
 * torch.nn.Linear: y = x·W^T + b with W in the checkpoint's [out,in] layout (not repacked).
 * Work is cut into fixed tiles of rows × output columns, one task each, so every element of y
 * is computed once, by the same code, whatever the thread count.
 */
public final class Linear {
    private Linear() {
    }

    /** Output columns per task: 64 weight rows (192 KiB at in=768) stay cache-resident while rows stream. */
    private static final int COLS = 64;
    /** Rows per task: big batches also split along rows so both cores have work and A stays in L2. */
    private static final int ROWS = 256;

    /** y[rows,out] = x[rows,in] · W^T + bias; W is [out,in]; bias may be null. */
    public static void forward(float[] x, int rows, int in, float[] weight, float[] bias, int out, float[] y) {
        int colTiles = (out + COLS - 1) / COLS;
        int rowTiles = (rows + ROWS - 1) / ROWS;
        Parallel.forRange(rowTiles * colTiles, t -> {
            int r0 = t / colTiles * ROWS, c0 = t % colTiles * COLS;
            int nr = Math.min(ROWS, rows - r0), nc = Math.min(COLS, out - c0);
            Gemm.abt(nr, nc, in, x, r0 * in, in, weight, c0 * in, in, y, r0 * out + c0, out);
            if (bias != null) {
                for (int r = r0; r < r0 + nr; r++) {
                    VectorOps.add(y, r * out + c0, bias, c0, y, r * out + c0, nc);
                }
            }
        });
    }
}
