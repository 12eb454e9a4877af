package dev.tails.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Max-absolute-difference comparison with a message that says where the worst element is. */
public final class GoldenAssert {
    private GoldenAssert() {
    }

    public static double maxAbsDiff(float[] expected, float[] actual, String what) {
        assertArrayEquals(new int[] {expected.length}, new int[] {actual.length}, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= worst)) {  // also catches NaN
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                at = i;
            }
        }
        return at < 0 ? 0 : worst;
    }

    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double diff = maxAbsDiff(expected, actual, what);
        assertTrue(diff <= tolerance, what + ": max |diff| " + diff + " > " + tolerance);
    }

    public static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }
}
