package dev.tails.kernel;

import java.util.SplittableRandom;

/** Seeded test data: the same arrays on every run. */
final class Random32 {
    private final SplittableRandom random;

    Random32(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Uniform in [-1, 1). */
    float[] floats(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }

    float[] floats(int n, float scale) {
        float[] x = floats(n);
        VectorOps.scale(x, 0, n, scale);
        return x;
    }

    static float[] abs(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(y[i]);
        }
        return y;
    }

    /** Sizes that trip loop bounds: empty, tiny, around the vector length, around BERT's 768. */
    static final int[] AWKWARD = {0, 1, 3, 15, 16, 17, 33, 767, 768, 769};
}
