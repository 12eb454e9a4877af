package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded matrix products on row-major float arrays with offsets and row strides
 * (callers parallelise over blocks, see {@link Linear}). Both kernels work on small register
 * tiles; tiles at the edges repeat the last row or column instead of having their own code, so
 * every element of C is computed by the same instructions in the same order wherever it lies
 * (results do not depend on how callers cut C into blocks).
 */
public final class Gemm {
    private Gemm() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int L = S.length();

    /** C[m,n] = A[m,k] · B[n,k]^T, B like a Linear weight [out,in]. Overwrites C. */
    public static void abt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int ldc) {
        // 4 rows of B stay in L1 while all rows of A stream past them, two at a time.
        for (int j = 0; j < n; j += 4) {
            int j1 = Math.min(j + 1, n - 1), j2 = Math.min(j + 2, n - 1), j3 = Math.min(j + 3, n - 1);
            for (int i = 0; i < m; i += 2) {
                int i1 = Math.min(i + 1, m - 1);
                dots2x4(k, a, aOff + i * lda, aOff + i1 * lda,
                        b, bOff + j * ldb, bOff + j1 * ldb, bOff + j2 * ldb, bOff + j3 * ldb,
                        c, cOff + i * ldc, cOff + i1 * ldc, j, j1, j2, j3);
            }
        }
    }

    /** The 8 dot products of rows a0,a1 with rows b0..b3: 6 loads feed 8 FMAs per step. */
    private static void dots2x4(int k, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                                float[] c, int c0, int c1, int j0, int j1, int j2, int j3) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        for (int p = 0; p < k; p += L) {
            FloatVector x0 = Lanes.load(a, a0, p, k), x1 = Lanes.load(a, a1, p, k);
            FloatVector y0 = Lanes.load(b, b0, p, k), y1 = Lanes.load(b, b1, p, k);
            FloatVector y2 = Lanes.load(b, b2, p, k), y3 = Lanes.load(b, b3, p, k);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s02 = x0.fma(y2, s02);
            s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
            s12 = x1.fma(y2, s12);
            s13 = x1.fma(y3, s13);
        }
        c[c0 + j0] = Lanes.sum(s00);
        c[c0 + j1] = Lanes.sum(s01);
        c[c0 + j2] = Lanes.sum(s02);
        c[c0 + j3] = Lanes.sum(s03);
        c[c1 + j0] = Lanes.sum(s10);
        c[c1 + j1] = Lanes.sum(s11);
        c[c1 + j2] = Lanes.sum(s12);
        c[c1 + j3] = Lanes.sum(s13);
    }

    /** C[m,n] = A[m,k] · B[k,n]. Overwrites C. */
    public static void ab(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j += 2 * L) {
            for (int i = 0; i < m; i += 2) {
                int i1 = Math.min(i + 1, m - 1);
                rows2x2(k, a, aOff + i * lda, aOff + i1 * lda, b, bOff, ldb, c, cOff + i * ldc, cOff + i1 * ldc, j, n);
            }
        }
    }

    /** Columns j..j+2L of two rows of C: each step broadcasts two A values against two B vectors. */
    private static void rows2x2(int k, float[] a, int a0, int a1, float[] b, int bOff, int ldb,
                                float[] c, int c0, int c1, int j, int n) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
        for (int p = 0; p < k; p++) {
            FloatVector y0 = Lanes.load(b, bOff + p * ldb, j, n), y1 = Lanes.load(b, bOff + p * ldb, j + L, n);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]), x1 = FloatVector.broadcast(S, a[a1 + p]);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
        }
        VectorMask<Float> in0 = S.indexInRange(j, n), in1 = S.indexInRange(j + L, n);
        s00.intoArray(c, c0 + j, in0);
        s01.intoArray(c, c0 + j + L, in1);
        s10.intoArray(c, c1 + j, in0);
        s11.intoArray(c, c1 + j + L, in1);
    }
}
