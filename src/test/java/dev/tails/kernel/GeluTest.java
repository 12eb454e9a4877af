package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class GeluTest {
    /** Dense grid over [-10, 10]: 2^21 points, every few ulps near 0 and ~1e-5 apart elsewhere. */
    private static float[] grid() {
        int n = 1 << 21;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -10f + 20f * i / (n - 1);
        }
        return x;
    }

    @Test
    void erfFormWithin1e6OfDoublePrecision() {
        float[] in = grid(), x = in.clone(), want = in.clone();
        Gelu.erf(x, 0, x.length);
        ScalarKernels.geluErf(want, 0, want.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - want[i]));
            // Relative error too. Rounding x/√2 to float (2^-24 relative) moves erfc(a) by a factor
            // e^(2a²·2^-24) = e^(x²·2^-24), so the relative bound widens as x² in the negative tail.
            if (Math.abs(x[i] - want[i]) > (2e-6 + in[i] * in[i] * 0x1p-23) * Math.abs(want[i])) {
                fail("gelu(" + in[i] + "): want " + want[i] + " got " + x[i]);
            }
        }
        assertTrue(worst < 1e-6, "max abs error " + worst);
    }

    @Test
    void tanhFormMatchesDoublePrecision() {
        float[] in = grid(), x = in.clone(), want = in.clone();
        Gelu.tanh(x, 0, x.length);
        ScalarKernels.geluTanh(want, 0, want.length);
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i] - want[i]) > 1e-6 * Math.max(1, Math.abs(want[i]))) {
                fail("gelu_new(" + in[i] + "): want " + want[i] + " got " + x[i]);
            }
        }
    }

    @Test
    void specialValues() {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f, 20f, -20f};
        float[] want = {0f, -0f, Float.POSITIVE_INFINITY, -0f, Float.NaN, 1e30f, -0f, 20f, -0f};
        float[] erf = x.clone(), tanh = x.clone();
        Gelu.erf(erf, 0, erf.length);
        Gelu.tanh(tanh, 0, tanh.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(want[i], erf[i], "gelu(" + x[i] + ")");
            assertEquals(want[i], tanh[i], "gelu_new(" + x[i] + ")");
        }
    }

    @Test
    void leavesNeighboursAlone() {
        for (int len : Random32.AWKWARD) {
            float[] x = new Random32(len).floats(len + 4, 4f), want = x.clone();
            Gelu.erf(x, 2, len);
            ScalarKernels.geluErf(want, 2, len);
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], x[i], 1e-6 * Math.max(1, Math.abs(want[i])));
            }
        }
    }

    /** The kernels work in blocks and whole vectors: a value's result must not depend on where it sits. */
    @Test
    void sameBitsWhateverTheCallCutsOff() {
        float[] in = new Random32(7).floats(1000, 6f);
        float[] erfWhole = in.clone(), tanhWhole = in.clone();
        Gelu.erf(erfWhole, 0, in.length);
        Gelu.tanh(tanhWhole, 0, in.length);
        for (int i = 0; i < in.length; i++) {
            float[] one = {in[i]}, two = {in[i]};
            Gelu.erf(one, 0, 1);
            Gelu.tanh(two, 0, 1);
            assertEquals(Float.floatToRawIntBits(erfWhole[i]), Float.floatToRawIntBits(one[0]), "gelu(" + in[i] + ")");
            assertEquals(Float.floatToRawIntBits(tanhWhole[i]), Float.floatToRawIntBits(two[0]), "gelu_new(" + in[i] + ")");
        }
    }

    /** The twin's erf is the reference, so it is pinned to values from an independent implementation (CPython math.erf). */
    @Test
    void referenceErfIsRight() {
        assertEquals(0.8427007929497149, ScalarKernels.erf(1), 1e-15);
        assertEquals(0.5204998778130465, ScalarKernels.erf(0.5), 1e-15);
        assertEquals(0.999593047982555, ScalarKernels.erf(2.5), 1e-15);
        assertEquals(2.2090496998585438e-05, ScalarKernels.erfc(3), 1e-14 * 2.2e-5);
        assertEquals(1.5374597944280351e-12, ScalarKernels.erfc(5), 1e-14 * 1.5e-12);
        assertEquals(4.183825607779414e-23, ScalarKernels.erfc(7), 1e-14 * 4.2e-23);
        assertEquals(1.9953222650189528, ScalarKernels.erfc(-2), 1e-15);
        assertEquals(0, ScalarKernels.erf(0), 0);
    }
}
