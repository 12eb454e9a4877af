package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmTest {
    /**
     * A float dot product of length k accumulated in one lane (k FMAs) is off from the exact sum
     * by at most about k·2^-24·Σ|a_i·b_i|, under 5e-5·Σ|a_i·b_i| for k = 769; in practice the
     * errors cancel (~√k) and stay far below. The bound is relative to Σ|a_i·b_i|, not to the
     * result, because cancellation can make the result itself arbitrarily small.
     */
    static final double DOT_TOLERANCE = 1e-5;

    @Test
    void keysLayoutMatchesScalarOnAwkwardShapes() {
        for (int k : Random32.AWKWARD) {
            for (int m : new int[]{1, 2, 3, 5, 6, 7, 13}) {
                for (int n : new int[]{1, 3, 4, 17, 33}) {
                    checkRows(m, n, k, 0, 0, 0, 0, 0, 0);
                }
            }
        }
        checkRows(33, 769, 768, 0, 0, 0, 0, 0, 0);
        checkRows(17, 15, 769, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void keysLayoutHonoursOffsetsAndStrides() {
        checkRows(7, 9, 33, 5, 3, 11, 2, 1, 4);
        checkRows(3, 17, 64, 1, 64, 2, 100, 7, 3);
        checkRows(1, 1, 1, 0, 0, 3, 5, 9, 9);
    }

    @Test
    void valuesLayoutMatchesScalarOnAwkwardShapes() {
        for (int n : Random32.AWKWARD) {
            for (int m : new int[]{1, 2, 3, 7}) {
                for (int k : new int[]{0, 1, 17, 64}) {
                    checkColumns(m, n, k, 0, 0, 0, 0, 0, 0);
                }
            }
        }
        checkColumns(33, 64, 769, 0, 0, 0, 0, 0, 0);
        checkColumns(128, 64, 128, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void valuesLayoutHonoursOffsetsAndStrides() {
        checkColumns(7, 9, 33, 5, 3, 11, 2, 1, 4);
        checkColumns(5, 64, 20, 3, 64, 7, 768, 2, 768);
    }

    /**
     * Bit for bit the documented order (bias, then each k-block of KS summed from zero and added),
     * whatever the tile and vector width: the second surefire execution runs this at 256 bits.
     */
    @Test
    void sumsEachBlockFromZeroThenAddsItToTheBias() {
        int ks = Gemm.KS;
        int[][] shapes = {{1, 1, 0}, {7, 5, 1}, {6, 64, ks - 1}, {13, 65, ks}, {5, 17, ks + 1}, {12, 128, 2 * ks},
                {11, 70, 2 * ks + 1}, {3, 33, 700}, {2, 16, 3072}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], k0 = Math.min(k, 5);
            Random32 r = new Random32(m * 131L + n * 7L + k);
            float[] a = r.floats(m * k), b = r.floats(n * k), bias = r.floats(n), c = new float[m * n];
            Gemm.multiply(m, a, 0, k, Panels.ofRows(b, 0, k, n, k), k0, k, bias, c, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(blockedDot(a, i * k, b, j * k, k0, k, bias[j]), c[i * n + j], "" + m + "x" + n + "x" + k);
                }
            }
        }
    }

    private static float blockedDot(float[] a, int aRow, float[] b, int bRow, int k0, int k1, float bias) {
        float c = bias;
        for (int kb = k0; kb < k1; kb += Gemm.KS) {
            float block = 0;
            for (int p = kb; p < Math.min(k1, kb + Gemm.KS); p++) {
                block = Math.fma(a[aRow + p], b[bRow + p], block);
            }
            c += block;
        }
        return c;
    }

    @Test
    void unpackRowsGivesBackTheWeight() {
        float[] w = new Random32(3).floats(37 * 19);
        assertArrayEquals(w, Panels.ofRows(w, 0, 19, 37, 19).unpackRows());
    }

    /** Shapes plus, per operand, an offset and extra row stride beyond the row length; B given as [n, k]. */
    private static void checkRows(int m, int n, int k, int aOff, int aPad, int bOff, int bPad, int cOff, int cPad) {
        Random32 r = new Random32(31L * m + 7L * n + k);
        int lda = k + aPad, ldb = k + bPad, ldc = n + cPad;
        float[] a = r.floats(aOff + m * lda), b = r.floats(bOff + n * ldb);
        float[] c = r.floats(cOff + m * ldc), want = c.clone(), bound = new float[c.length];
        Gemm.multiply(m, a, aOff, lda, Panels.ofRows(b, bOff, ldb, n, k), 0, k, null, c, cOff, ldc);
        ScalarKernels.abt(m, n, k, a, aOff, lda, b, bOff, ldb, want, cOff, ldc);
        ScalarKernels.abt(m, n, k, Random32.abs(a), aOff, lda, Random32.abs(b), bOff, ldb, bound, cOff, ldc);
        assertClose(want, c, bound, "rows " + m + "x" + n + "x" + k);
    }

    /** The same with B given as [k, n]. */
    private static void checkColumns(int m, int n, int k, int aOff, int aPad, int bOff, int bPad, int cOff, int cPad) {
        Random32 r = new Random32(17L * m + 5L * n + k);
        int lda = k + aPad, ldb = n + bPad, ldc = n + cPad;
        float[] a = r.floats(aOff + m * lda), b = r.floats(bOff + k * ldb);
        float[] c = r.floats(cOff + m * ldc), want = c.clone(), bound = new float[c.length];
        Gemm.multiply(m, a, aOff, lda, Panels.ofColumns(b, bOff, ldb, k, n), 0, k, null, c, cOff, ldc);
        ScalarKernels.ab(m, n, k, a, aOff, lda, b, bOff, ldb, want, cOff, ldc);
        ScalarKernels.ab(m, n, k, Random32.abs(a), aOff, lda, Random32.abs(b), bOff, ldb, bound, cOff, ldc);
        assertClose(want, c, bound, "columns " + m + "x" + n + "x" + k);
    }

    /** Elements outside C's tiles (bound 0, untouched) must match exactly: the kernels wrote nowhere else. */
    static void assertClose(float[] want, float[] got, float[] absSum, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            double tol = DOT_TOLERANCE * absSum[i];
            assertTrue(Math.abs(want[i] - got[i]) <= tol,
                    what + " at " + i + ": want " + want[i] + " got " + got[i] + " tolerance " + tol);
        }
    }
}
