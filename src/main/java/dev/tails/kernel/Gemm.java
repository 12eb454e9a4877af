package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Single-threaded C = bias + A·B with B packed in {@link Panels} (callers parallelise over blocks,
 * see {@link PackedLinear}). A micro-kernel keeps a {@link Tile} of C in registers and feeds it
 * one broadcast of A per row and k; there is one kernel per tile shape because C2 keeps a tile in
 * registers only when its accumulators are locals.
 *
 * <p>Summation order, the same for every tile shape, vector width and thread count: C starts as
 * the bias (or 0), then each k-block of {@link #KS} is summed in k order by its lane from zero and
 * the block's sum is added to C, blocks in k order. One chain of 3072 FMAs per element had taken
 * the uncased bert-base golden to 6-8e-5 of its 1e-4 bar; blocks of 128 bring it to ~3.5e-5 (256:
 * up to 1.3e-4, 64: a few % slower for little more). Tiles at the edges run the same kernel on a
 * scratch copy, so results do not depend on how callers cut C into blocks.
 */
public final class Gemm {
    private Gemm() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int L = S.length();
    private static final int W = Tile.WIDTH;
    /** Bytes of one vector and of one k-row of a panel. */
    private static final long VB = (long) L * Float.BYTES, ROW = (long) W * Float.BYTES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    static final int MR = Tile.ROWS;
    /** k per pass: a panel's slice (256 × W floats: 16 KiB on AVX2, 64 KiB on AVX-512) stays in L1/L2 while row tiles of A stream past. */
    private static final int KC = 256;
    /** k per block summed from zero in registers; divides KC, so blocks start at the same k whatever the pass. */
    static final int KS = 128;

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
                    if (Tile.WIDE) {
                        tile6x4(a, aOff + i * lda, lda, rows, b.data, b.offset(p), kb, ke, t, tOff, ldt);
                    } else {
                        tile5x2(a, aOff + i * lda, lda, rows, b.data, b.offset(p), kb, ke, t, tOff, ldt);
                    }
                    if (!whole) {
                        copy(edge, 0, W, c, at, ldc, rows, cols);
                    }
                }
            }
            kb = ke;
        } while (kb < k1);
    }

    /*
     * The kernels: T[rows, W] += A[rows, k0..k1) · panel[k0..k1), A's rows past `rows` repeating
     * the last, in blocks of KS (see the class comment). Only Vector API calls inside (always
     * inlined): a helper taking or returning a vector that C2 does not inline boxes it, and that
     * cost half the speed.
     */

    /** T[6, 4 vectors] += A[6, k0..k1) · panel[k0..k1): the AVX-512 tile, 24 accumulators of 32 registers. */
    private static void tile6x4(float[] a, int aRow, int lda, int rows, MemorySegment b, long bOff, int k0, int k1,
                                float[] t, int t0, int ldt) {
        int a0 = row(aRow, lda, 0, rows), a1 = row(aRow, lda, 1, rows), a2 = row(aRow, lda, 2, rows);
        int a3 = row(aRow, lda, 3, rows), a4 = row(aRow, lda, 4, rows), a5 = row(aRow, lda, 5, rows);
        int t1 = t0 + ldt, t2 = t1 + ldt, t3 = t2 + ldt, t4 = t3 + ldt, t5 = t4 + ldt;
        for (int kb = k0; kb < k1; kb += KS) {
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
            FloatVector c10 = FloatVector.zero(S), c11 = c10, c12 = c10, c13 = c10;
            FloatVector c20 = FloatVector.zero(S), c21 = c20, c22 = c20, c23 = c20;
            FloatVector c30 = FloatVector.zero(S), c31 = c30, c32 = c30, c33 = c30;
            FloatVector c40 = FloatVector.zero(S), c41 = c40, c42 = c40, c43 = c40;
            FloatVector c50 = FloatVector.zero(S), c51 = c50, c52 = c50, c53 = c50;
            for (int p = kb, ke = Math.min(k1, kb + KS); p < ke; p++) {
                long q = bOff + p * ROW;
                FloatVector b0 = FloatVector.fromMemorySegment(S, b, q, NATIVE);
                FloatVector b1 = FloatVector.fromMemorySegment(S, b, q + VB, NATIVE);
                FloatVector b2 = FloatVector.fromMemorySegment(S, b, q + 2 * VB, NATIVE);
                FloatVector b3 = FloatVector.fromMemorySegment(S, b, q + 3 * VB, NATIVE);
                FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                c02 = x.fma(b2, c02);
                c03 = x.fma(b3, c03);
                x = FloatVector.broadcast(S, a[a1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                c12 = x.fma(b2, c12);
                c13 = x.fma(b3, c13);
                x = FloatVector.broadcast(S, a[a2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                c22 = x.fma(b2, c22);
                c23 = x.fma(b3, c23);
                x = FloatVector.broadcast(S, a[a3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                c32 = x.fma(b2, c32);
                c33 = x.fma(b3, c33);
                x = FloatVector.broadcast(S, a[a4 + p]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                c42 = x.fma(b2, c42);
                c43 = x.fma(b3, c43);
                x = FloatVector.broadcast(S, a[a5 + p]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
                c52 = x.fma(b2, c52);
                c53 = x.fma(b3, c53);
            }
            FloatVector.fromArray(S, t, t0).add(c00).intoArray(t, t0);
            FloatVector.fromArray(S, t, t0 + L).add(c01).intoArray(t, t0 + L);
            FloatVector.fromArray(S, t, t0 + 2 * L).add(c02).intoArray(t, t0 + 2 * L);
            FloatVector.fromArray(S, t, t0 + 3 * L).add(c03).intoArray(t, t0 + 3 * L);
            FloatVector.fromArray(S, t, t1).add(c10).intoArray(t, t1);
            FloatVector.fromArray(S, t, t1 + L).add(c11).intoArray(t, t1 + L);
            FloatVector.fromArray(S, t, t1 + 2 * L).add(c12).intoArray(t, t1 + 2 * L);
            FloatVector.fromArray(S, t, t1 + 3 * L).add(c13).intoArray(t, t1 + 3 * L);
            FloatVector.fromArray(S, t, t2).add(c20).intoArray(t, t2);
            FloatVector.fromArray(S, t, t2 + L).add(c21).intoArray(t, t2 + L);
            FloatVector.fromArray(S, t, t2 + 2 * L).add(c22).intoArray(t, t2 + 2 * L);
            FloatVector.fromArray(S, t, t2 + 3 * L).add(c23).intoArray(t, t2 + 3 * L);
            FloatVector.fromArray(S, t, t3).add(c30).intoArray(t, t3);
            FloatVector.fromArray(S, t, t3 + L).add(c31).intoArray(t, t3 + L);
            FloatVector.fromArray(S, t, t3 + 2 * L).add(c32).intoArray(t, t3 + 2 * L);
            FloatVector.fromArray(S, t, t3 + 3 * L).add(c33).intoArray(t, t3 + 3 * L);
            FloatVector.fromArray(S, t, t4).add(c40).intoArray(t, t4);
            FloatVector.fromArray(S, t, t4 + L).add(c41).intoArray(t, t4 + L);
            FloatVector.fromArray(S, t, t4 + 2 * L).add(c42).intoArray(t, t4 + 2 * L);
            FloatVector.fromArray(S, t, t4 + 3 * L).add(c43).intoArray(t, t4 + 3 * L);
            FloatVector.fromArray(S, t, t5).add(c50).intoArray(t, t5);
            FloatVector.fromArray(S, t, t5 + L).add(c51).intoArray(t, t5 + L);
            FloatVector.fromArray(S, t, t5 + 2 * L).add(c52).intoArray(t, t5 + 2 * L);
            FloatVector.fromArray(S, t, t5 + 3 * L).add(c53).intoArray(t, t5 + 3 * L);
        }
    }

    /** T[5, 2 vectors] += A[5, k0..k1) · panel[k0..k1): the AVX2 tile, 10 accumulators of 16 registers. */
    private static void tile5x2(float[] a, int aRow, int lda, int rows, MemorySegment b, long bOff, int k0, int k1,
                                float[] t, int t0, int ldt) {
        int a0 = row(aRow, lda, 0, rows), a1 = row(aRow, lda, 1, rows), a2 = row(aRow, lda, 2, rows);
        int a3 = row(aRow, lda, 3, rows), a4 = row(aRow, lda, 4, rows);
        int t1 = t0 + ldt, t2 = t1 + ldt, t3 = t2 + ldt, t4 = t3 + ldt;
        for (int kb = k0; kb < k1; kb += KS) {
            FloatVector c00 = FloatVector.zero(S), c01 = c00;
            FloatVector c10 = FloatVector.zero(S), c11 = c10;
            FloatVector c20 = FloatVector.zero(S), c21 = c20;
            FloatVector c30 = FloatVector.zero(S), c31 = c30;
            FloatVector c40 = FloatVector.zero(S), c41 = c40;
            for (int p = kb, ke = Math.min(k1, kb + KS); p < ke; p++) {
                long q = bOff + p * ROW;
                FloatVector b0 = FloatVector.fromMemorySegment(S, b, q, NATIVE);
                FloatVector b1 = FloatVector.fromMemorySegment(S, b, q + VB, NATIVE);
                FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[a1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[a2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[a3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[a4 + p]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
            }
            FloatVector.fromArray(S, t, t0).add(c00).intoArray(t, t0);
            FloatVector.fromArray(S, t, t0 + L).add(c01).intoArray(t, t0 + L);
            FloatVector.fromArray(S, t, t1).add(c10).intoArray(t, t1);
            FloatVector.fromArray(S, t, t1 + L).add(c11).intoArray(t, t1 + L);
            FloatVector.fromArray(S, t, t2).add(c20).intoArray(t, t2);
            FloatVector.fromArray(S, t, t2 + L).add(c21).intoArray(t, t2 + L);
            FloatVector.fromArray(S, t, t3).add(c30).intoArray(t, t3);
            FloatVector.fromArray(S, t, t3 + L).add(c31).intoArray(t, t3 + L);
            FloatVector.fromArray(S, t, t4).add(c40).intoArray(t, t4);
            FloatVector.fromArray(S, t, t4 + L).add(c41).intoArray(t, t4 + L);
        }
    }


    /** A's row i of a tile, or its last row past `rows` (the edge tile's extra rows are not copied out). */
    private static int row(int aRow, int lda, int i, int rows) {
        return aRow + Math.min(i, rows - 1) * lda;
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
