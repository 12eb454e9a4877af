package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxTest {
    /** Probabilities in [0,1]: exp is within an ulp or two; each of 16 lane sums adds up to n/16 roundings (769/16·6e-8 ≈ 3e-6). */
    static final double TOLERANCE = 1e-5;

    @Test
    void matchesScalarOnAwkwardWidthsWithOffsetAndStride() {
        for (int n : Random32.AWKWARD) {
            int rows = 5, off = 3, ld = n + 2;
            Random32 r = new Random32(n);
            float[] x = r.floats(off + rows * ld, 8f), want = x.clone();
            Softmax.rows(x, off, rows, n, ld);
            ScalarKernels.softmaxRows(want, off, rows, n, ld);
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], x[i], TOLERANCE * Math.max(want[i], 1e-30f) + 1e-9, "n=" + n + " at " + i);
            }
        }
    }

    @Test
    void maskedEntriesAreZeroAndTheRestSumsToOne() {
        int n = 37;
        float[] x = new Random32(1).floats(n, 5f);
        for (int i = 0; i < n; i += 3) {
            x[i] = Float.NEGATIVE_INFINITY;
        }
        Softmax.rows(x, 0, 1, n, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
                assertEquals(0f, x[i], 0f);
            }
            sum += x[i];
        }
        assertEquals(1, sum, 1e-6);
    }

    @Test
    void oneElementRowsAreOne() {
        float[] x = {-3f, 99f, 1e30f, -1e30f};
        Softmax.rows(x, 0, 4, 1, 1);
        for (float v : x) {
            assertEquals(1f, v, 0f);
        }
    }

    @Test
    void largeValuesDoNotOverflow() {
        float[] x = {1000f, 1000f, -1000f};
        Softmax.rows(x, 0, 1, 3, 3);
        assertEquals(0.5f, x[0], 1e-7f);
        assertEquals(0f, x[2], 0f);
    }

    @Test
    void fullyMaskedRowIsNaNAsInTorch() {
        float[] x = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        Softmax.rows(x, 0, 1, 2, 2);
        assertTrue(Float.isNaN(x[0]) && Float.isNaN(x[1]));
    }
}
