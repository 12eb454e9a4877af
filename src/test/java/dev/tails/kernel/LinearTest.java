package dev.tails.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void matchesScalarWithAndWithoutBias() {
        int[][] shapes = {{1, 768, 768}, {3, 17, 33}, {5, 769, 15}, {300, 65, 16}, {2, 1, 1}, {0, 8, 8}, {4, 0, 8},
                {7, 100, 70}, {129, 33, 200}, {3, 3072, 23}};
        for (int[] s : shapes) {
            check(s[0], s[1], s[2], true);
            check(s[0], s[1], s[2], false);
        }
    }

    private static void check(int rows, int in, int out, boolean withBias) {
        Random32 r = new Random32(rows * 1000L + in + out);
        float[] x = r.floats(rows * in), w = r.floats(out * in), bias = withBias ? r.floats(out) : null;
        float[] y = new float[rows * out], want = new float[rows * out], bound = new float[rows * out];
        new PackedLinear(w, bias, out, in).forward(x, rows, y);
        ScalarKernels.linear(x, rows, in, w, bias, out, want);
        ScalarKernels.linear(Random32.abs(x), rows, in, Random32.abs(w), bias == null ? null : Random32.abs(bias), out, bound);
        GemmTest.assertClose(want, y, bound, "linear " + rows + "x" + in + "->" + out);
    }

    @Test
    void weightsPackedFromRowsIntoOneSlabKeepTheirValuesAndProducts() {
        // Two weights share the slab, so the second starts past the first's panels; 70 outputs leave a part-filled panel.
        int in = 33, out = 70, rows = 7;
        Random32 r = new Random32(12);
        float[] first = r.floats(5 * in), w = r.floats(out * in), bias = r.floats(out), x = r.floats(rows * in);
        PanelSlab slab = new PanelSlab(Panels.floats(5, in) + Panels.floats(out, in));
        PackedLinear a = new PackedLinear(Panels.ofRows(rowsOf(first, in), 5, in, slab), null);
        PackedLinear b = new PackedLinear(Panels.ofRows(rowsOf(w, in), out, in, slab), bias);
        assertArrayEquals(first, a.weight());
        assertArrayEquals(w, b.weight());
        float[] y = new float[rows * out], want = new float[rows * out], bound = new float[rows * out];
        b.forward(x, rows, y);
        ScalarKernels.linear(x, rows, in, w, bias, out, want);
        ScalarKernels.linear(Random32.abs(x), rows, in, Random32.abs(w), Random32.abs(bias), out, bound);
        GemmTest.assertClose(want, y, bound, "slab linear");
        float[] fromArray = new float[rows * out];
        new PackedLinear(w, bias, out, in).forward(x, rows, fromArray);
        assertArrayEquals(fromArray, y, "the same panels, so the same bits");
        assertThrows(IllegalStateException.class, () -> Panels.ofRows(rowsOf(first, in), 1, in, slab));
    }

    /** S [n, k] as a RowReader, the way the weight loader reads a mapped tensor. */
    private static Panels.RowReader rowsOf(float[] s, int k) {
        return (row, count, dst) -> System.arraycopy(s, row * k, dst, 0, count * k);
    }

    @Test
    void sliceIsOneHeadsShareOfTheProduct() {
        int rows = 9, in = 96, out = 40, k0 = 32, k1 = 64, ldy = 2 * out;
        Random32 r = new Random32(9);
        float[] x = r.floats(rows * in), w = r.floats(out * in);
        float[] y = new float[rows * ldy], want = new float[rows * ldy], bound = new float[rows * ldy];
        new PackedLinear(w, r.floats(out), out, in).forwardSlice(x, rows, k0, k1, y, out, ldy);
        ScalarKernels.abt(rows, out, k1 - k0, x, k0, in, w, k0, in, want, out, ldy);
        ScalarKernels.abt(rows, out, k1 - k0, Random32.abs(x), k0, in, Random32.abs(w), k0, in, bound, out, ldy);
        GemmTest.assertClose(want, y, bound, "slice");
    }

    @Test
    void rowOpSeesEveryRowOnceAfterItsProduct() {
        int rows = 171, in = 40, out = 200; // two row blocks, an edge panel group
        Random32 r = new Random32(6);
        PackedLinear linear = new PackedLinear(r.floats(out * in), r.floats(out), out, in);
        float[] x = r.floats(rows * in), y = new float[rows * out], want = new float[rows * out];
        linear.forward(x, rows, want);
        Gelu.erf(want, 0, want.length);
        linear.forward(x, rows, y, Gelu::erf);
        assertArrayEquals(want, y);
    }

    @Test
    void keepsTheWeightInItsLayout() {
        float[] w = new Random32(4).floats(17 * 5);
        assertArrayEquals(w, new PackedLinear(w, null, 17, 5).weight());
    }

    @Test
    void resultIsBitIdenticalForOneAndTwoThreads() {
        for (int[] s : new int[][]{{600, 96, 200}, {129, 777, 3072}, {1, 768, 768}}) { // several row blocks and panel groups
            int rows = s[0], in = s[1], out = s[2];
            Random32 r = new Random32(5);
            float[] x = r.floats(rows * in), w = r.floats(out * in), bias = r.floats(out);
            PackedLinear linear = new PackedLinear(w, bias, out, in);
            float[] one = new float[rows * out], two = new float[rows * out];
            Parallel.setThreads(1);
            linear.forward(x, rows, one);
            Parallel.setThreads(2);
            linear.forward(x, rows, two);
            assertArrayEquals(one, two);
        }
    }
}
