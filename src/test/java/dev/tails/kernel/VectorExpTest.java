package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorExpTest {

    private static float exp(float x) {
        return VectorExp.exp(FloatVector.broadcast(Lanes.species(), x)).lane(0);
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
