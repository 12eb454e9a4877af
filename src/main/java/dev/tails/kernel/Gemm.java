package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Single-threaded C = bias + A·B with B packed in {@link Panels} (callers parallelise over blocks,
 * see {@link PackedLinear}). A micro-kernel keeps a tile of 5 rows × 2 vectors of C in 10
 * registers and feeds it one broadcast of A per 2 FMAs. AVX2 has 16 vector registers, but with
 * 12 accumulators (6×2, 4×3) C2 spills and runs at 60% of 5×2 on this Zen 3 (measured).
 * Each element of C is accumulated by its own lane in k order, and tiles at the edges run the
 * same kernel on a scratch copy, so results do not depend on how callers cut C into blocks.
 */
public final class Gemm {
    private Gemm() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int L = S.length();
    private static final int W = Panels.WIDTH;
    static final int MR = 5;
    /** k per pass: one panel's slice (256 × 16 floats = 16 KiB) stays in L1 while row tiles of A stream past. */
    private static final int KC = 256;

    /** C[m, n] = bias + A[m, k0..k1) · B[k0..k1, n]; A's row i starts at aOff + i·lda (so at k0, not 0); bias may be null. */
    public static void multiply(int m, float[] a, int aOff, int lda, Panels b, int k0, int k1, float[] bias,
                                float[] c, int cOff, int ldc) {
        block(m, a, aOff, lda, b, 0, b.count(), k0, k1, bias, c, cOff, ldc);
    }

    /** The columns of panels [p0, p1) of {@link #multiply}. */
    static void block(int m, float[] a, int aOff, int lda, Panels b, int p0, int p1, int k0, int k1, float[] bias,
                      float[] c, int cOff, int ldc) {
        float[] edge = new float[MR * W];
        int kb = k0;
        do { // at least once: with k0 == k1, C is the bias
            int ke = Math.min(k1, kb + KC);
            for (int p = p0; p < p1; p++) {
                int col = p * W, cols = Math.min(W, b.n - col);
                for (int i = 0; i < m; i += MR) {
                    int rows = Math.min(MR, m - i), at = cOff + i * ldc + col;
                    boolean whole = rows == MR && cols == W;
                    float[] t = whole ? c : edge;
                    int tOff = whole ? at : 0, ldt = whole ? ldc : W;
                    if (kb == k0) {
                        start(bias, col, t, tOff, ldt, rows, cols);
                    } else if (!whole) {
                        copy(c, at, ldc, edge, 0, W, rows, cols);
                    }
                    tile(a, aOff + i * lda, lda, rows, b.data, b.offset(p), kb, ke, t, tOff, ldt);
                    if (!whole) {
                        copy(edge, 0, W, c, at, ldc, rows, cols);
                    }
                }
            }
            kb = ke;
        } while (kb < k1);
    }

    /**
     * T[5, W] += A[5, k0..k1) · panel[k0..k1) with A's rows past `rows` repeating the last. Only
     * Vector API calls here (always inlined): a helper taking or returning a vector that C2 does
     * not inline boxes it, and that cost half the speed.
     */
    private static void tile(float[] a, int aRow, int lda, int rows, float[] b, int bOff, int k0, int k1,
                             float[] t, int t0, int ldt) {
        int a0 = aRow, a1 = aRow + Math.min(1, rows - 1) * lda, a2 = aRow + Math.min(2, rows - 1) * lda;
        int a3 = aRow + Math.min(3, rows - 1) * lda, a4 = aRow + Math.min(4, rows - 1) * lda;
        int t1 = t0 + ldt, t2 = t1 + ldt, t3 = t2 + ldt, t4 = t3 + ldt;
        FloatVector s00 = FloatVector.fromArray(S, t, t0), s01 = FloatVector.fromArray(S, t, t0 + L);
        FloatVector s10 = FloatVector.fromArray(S, t, t1), s11 = FloatVector.fromArray(S, t, t1 + L);
        FloatVector s20 = FloatVector.fromArray(S, t, t2), s21 = FloatVector.fromArray(S, t, t2 + L);
        FloatVector s30 = FloatVector.fromArray(S, t, t3), s31 = FloatVector.fromArray(S, t, t3 + L);
        FloatVector s40 = FloatVector.fromArray(S, t, t4), s41 = FloatVector.fromArray(S, t, t4 + L);
        for (int p = k0; p < k1; p++) {
            FloatVector y0 = FloatVector.fromArray(S, b, bOff + p * W), y1 = FloatVector.fromArray(S, b, bOff + p * W + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            s40 = x.fma(y0, s40);
            s41 = x.fma(y1, s41);
        }
        s00.intoArray(t, t0);
        s01.intoArray(t, t0 + L);
        s10.intoArray(t, t1);
        s11.intoArray(t, t1 + L);
        s20.intoArray(t, t2);
        s21.intoArray(t, t2 + L);
        s30.intoArray(t, t3);
        s31.intoArray(t, t3 + L);
        s40.intoArray(t, t4);
        s41.intoArray(t, t4 + L);
    }

    /** A tile's value before the first pass over k: the bias, or 0. */
    private static void start(float[] bias, int col, float[] t, int tOff, int ldt, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            if (bias == null) {
                Arrays.fill(t, tOff + r * ldt, tOff + r * ldt + cols, 0f);
            } else {
                System.arraycopy(bias, col, t, tOff + r * ldt, cols);
            }
        }
    }

    private static void copy(float[] from, int fromOff, int ldf, float[] to, int toOff, int ldt, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromOff + r * ldf, to, toOff + r * ldt, cols);
        }
    }
}
