package dev.tails.eval;

import dev.tails.corpus.Cosine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SpearmanTest {

    @Test
    void tiesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Spearman.ranks(new double[] {1, 2, 2, 3}));
        assertArrayEquals(new double[] {3, 1, 3, 3}, Spearman.ranks(new double[] {5, 0, 5, 5}));
    }

    @Test
    void spearmanWithTiesMatchesHandValue() {
        // ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4): sxy = 4.5, sxx = 4.5, syy = 5 -> 4.5 / sqrt(22.5) = 3 / sqrt(10)
        assertEquals(3 / Math.sqrt(10), Spearman.of(new double[] {1, 2, 2, 3}, new double[] {10, 30, 20, 40}), 1e-12);
    }

    @Test
    void monotoneAndReversedSeriesGiveOneAndMinusOne() {
        double[] x = {0.1, 0.5, 0.7, 3};
        assertEquals(1, Spearman.of(x, new double[] {1, 2, 8, 9}), 1e-12);
        assertEquals(-1, Spearman.of(x, new double[] {9, 8, 2, 1}), 1e-12);
    }

    @Test
    void cosineAndEuclideanOfSmallVectors() {
        assertEquals(1 / Math.sqrt(2), Cosine.of(new float[] {1, 0}, new float[] {1, 1}), 1e-12);
        assertEquals(0, Cosine.of(new float[] {0, 0}, new float[] {1, 1}));
        assertEquals(5, Cosine.euclidean(new float[] {0, 0}, new float[] {3, 4}), 1e-12);
    }
}
