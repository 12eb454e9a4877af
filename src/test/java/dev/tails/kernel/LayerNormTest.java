package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayerNormTest {
    /** Normalised outputs are O(1..10); float steps (mean, variance, scale) each cost ~1e-7 relative. */
    static final double TOLERANCE = 2e-5;

    @Test
    void matchesDoubleReferenceOnAwkwardWidths() {
        for (int n : Random32.AWKWARD) {
            for (int rows : new int[]{1, 3, 40}) {
                Random32 r = new Random32(n * 7L + rows);
                check(r.floats(rows * n, 3f), rows, n, r.floats(n), r.floats(n), 1e-12f);
            }
        }
    }

    /** One 1e4 among ones (BERT's outlier dimensions): E[x²]-E[x]² would lose every digit of the variance. */
    @Test
    void keepsPrecisionWithAHugeOutlier() {
        int n = 768;
        float[] x = new float[2 * n];
        Arrays.fill(x, 1f);
        x[300] = 1e4f;
        for (int i = n; i < 2 * n; i++) {
            x[i] = 1000f + (i % 2) * 1e-2f; // tiny spread on a large offset
        }
        float[] gamma = new float[n], beta = new float[n];
        Arrays.fill(gamma, 1f);
        check(x, 2, n, gamma, beta, 1e-12f);
    }

    @Test
    void constantRowsGiveBeta() {
        int n = 33;
        float[] x = new float[n];
        Arrays.fill(x, 7.25f);
        Random32 r = new Random32(3);
        float[] gamma = r.floats(n), beta = r.floats(n), y = new float[n];
        LayerNorm.forward(x, 1, n, gamma, beta, 1e-12f, y);
        for (int i = 0; i < n; i++) {
            assertEquals(beta[i], y[i], 0f);
        }
    }

    @Test
    void worksInPlace() {
        Random32 r = new Random32(11);
        int rows = 5, n = 100;
        float[] x = r.floats(rows * n), gamma = r.floats(n), beta = r.floats(n), y = new float[rows * n];
        LayerNorm.forward(x, rows, n, gamma, beta, 1e-5f, y);
        LayerNorm.forward(x, rows, n, gamma, beta, 1e-5f, x);
        assertEquals(Arrays.toString(y), Arrays.toString(x));
    }

    private static void check(float[] x, int rows, int n, float[] gamma, float[] beta, float eps) {
        float[] y = new float[x.length], want = new float[x.length];
        LayerNorm.forward(x, rows, n, gamma, beta, eps, y);
        ScalarKernels.layerNorm(x, rows, n, gamma, beta, eps, want);
        for (int i = 0; i < x.length; i++) {
            assertEquals(want[i], y[i], TOLERANCE * Math.max(1, Math.abs(want[i])), "n=" + n + " at " + i);
        }
    }
}
