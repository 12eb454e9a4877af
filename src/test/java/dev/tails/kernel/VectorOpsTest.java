package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorOpsTest {
    @Test
    void elementwiseOpsAreExact() {
        for (int n : Random32.AWKWARD) {
            Random32 r = new Random32(n);
            float[] a = r.floats(n), b = r.floats(n), got = new float[n], want = new float[n];
            VectorOps.add(a, b, got, n);
            ScalarKernels.add(a, b, want, n);
            assertArrayEquals(want, got);

            VectorOps.add(a, b, a, n); // in place
            assertArrayEquals(want, a);

            float[] s = b.clone();
            VectorOps.scale(b, 0, n, 0.125f);
            ScalarKernels.scale(s, 0, n, 0.125f);
            assertArrayEquals(s, b);

            int rows = 3;
            float[] x = r.floats(rows * n), y = x.clone(), bias = r.floats(n);
            VectorOps.addBias(x, rows, n, bias);
            ScalarKernels.addBias(y, rows, n, bias);
            assertArrayEquals(y, x);
        }
    }

    @Test
    void dotMatchesScalar() {
        for (int n : Random32.AWKWARD) {
            Random32 r = new Random32(n + 1);
            float[] a = r.floats(n + 5), b = r.floats(n + 2);
            double bound = ScalarKernels.dot(Random32.abs(a), 5, Random32.abs(b), 2, n);
            assertEquals(ScalarKernels.dot(a, 5, b, 2, n), VectorOps.dot(a, 5, b, 2, n), GemmTest.DOT_TOLERANCE * bound);
        }
    }
}
