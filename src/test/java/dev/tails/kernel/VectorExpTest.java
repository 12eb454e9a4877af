package dev.tails.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorExpTest {

    private static float exp(float x) {
        float[] v = new float[Lanes.species().length()];
        Arrays.fill(v, x);
        VectorExp.exp(v, 0, v.length);
        return v[0];
    }

    @Test
    void withinTwoUlpOfMathExpAcrossTheNormalRange() {
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            float expected = (float) Math.exp(x);
            assertTrue(Math.abs(exp(x) - expected) <= 2 * Math.ulp(expected), "exp(" + x + ") = " + exp(x) + ", expected " + expected);
        }
    }

    @Test
    void edgesAreZeroInfinityAndNaN() {
        assertEquals(1f, exp(0f));
        assertEquals(0f, exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, exp(-200f));
        assertEquals(Float.POSITIVE_INFINITY, exp(100f));
        assertEquals(Float.POSITIVE_INFINITY, exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(exp(Float.NaN)));
    }
}
