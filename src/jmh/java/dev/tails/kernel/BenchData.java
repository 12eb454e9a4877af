package dev.tails.kernel;

import java.util.SplittableRandom;

/** Fixed pseudo-random inputs for the benchmarks. */
final class BenchData {
    private BenchData() {
    }

    static float[] floats(int n) {
        SplittableRandom random = new SplittableRandom(42);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
