package dev.tails.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class LinearTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void matchesScalarWithAndWithoutBias() {
        int[][] shapes = {{1, 768, 768}, {3, 17, 33}, {5, 769, 15}, {300, 65, 16}, {2, 1, 1}, {0, 8, 8}, {4, 0, 8}};
        for (int[] s : shapes) {
            check(s[0], s[1], s[2], true);
            check(s[0], s[1], s[2], false);
        }
    }

    private static void check(int rows, int in, int out, boolean withBias) {
        Random32 r = new Random32(rows * 1000L + in + out);
        float[] x = r.floats(rows * in), w = r.floats(out * in), bias = withBias ? r.floats(out) : null;
        float[] y = new float[rows * out], want = new float[rows * out], bound = new float[rows * out];
        Linear.forward(x, rows, in, w, bias, out, y);
        ScalarKernels.linear(x, rows, in, w, bias, out, want);
        ScalarKernels.linear(Random32.abs(x), rows, in, Random32.abs(w), bias == null ? null : Random32.abs(bias), out, bound);
        GemmTest.assertClose(want, y, bound, "linear " + rows + "x" + in + "->" + out);
    }

    @Test
    void resultIsBitIdenticalForOneAndTwoThreads() {
        int rows = 600, in = 96, out = 200; // several row tiles and column tiles
        Random32 r = new Random32(5);
        float[] x = r.floats(rows * in), w = r.floats(out * in), bias = r.floats(out);
        float[] one = new float[rows * out], two = new float[rows * out];
        Parallel.setThreads(1);
        Linear.forward(x, rows, in, w, bias, out, one);
        Parallel.setThreads(2);
        Linear.forward(x, rows, in, w, bias, out, two);
        assertArrayEquals(one, two);
    }
}
