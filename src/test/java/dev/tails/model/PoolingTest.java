package dev.tails.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Each pooling on three tokens of two dims, worked out by hand. */
class PoolingTest {
    private static final float[] STATES = {1, -5, 3, 4, 5, -9};  // tokens [1, -5], [3, 4], [5, -9]

    @Test
    void meanAveragesEveryToken() {
        assertArrayEquals(new float[] {3, -10f / 3}, Pooling.MEAN.pool(STATES, 3, 2), 1e-6f);
    }

    @Test
    void clsTakesTheFirstToken() {
        assertArrayEquals(new float[] {1, -5}, Pooling.CLS.pool(STATES, 3, 2));
    }

    @Test
    void maxTakesTheLargestPerDimension() {
        assertArrayEquals(new float[] {5, 4}, Pooling.MAX.pool(STATES, 3, 2));
        assertArrayEquals(new float[] {-1, -2}, Pooling.MAX.pool(new float[] {-1, -5, -3, -2}, 2, 2), "all negative");
    }

    @Test
    void normalizeScalesToUnitLengthAndLeavesZeroAlone() {
        float[] v = {3, -4};
        Pooling.normalize(v);
        assertArrayEquals(new float[] {0.6f, -0.8f}, v, 1e-7f);
        float[] zero = {0, 0};
        Pooling.normalize(zero);
        assertArrayEquals(new float[] {0, 0}, zero);
    }
}
