package dev.tails.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinearProbeTest {

    /** Three classes told apart by dim 1 alone, next to a huge constant-ish dim 0 (like an outlier dim). */
    @Test
    void learnsSeparableClassesDespiteAHugeDimAndIsDeterministic() {
        Random random = new Random(1);
        float[][] x = new float[300][];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            x[i] = new float[] {-40 + (float) random.nextGaussian(), 2 * y[i] + 0.2f * (float) random.nextGaussian(), 0};
        }
        LinearProbe probe = LinearProbe.train(x, y, 3, 30, 42);
        assertEquals(1.0, probe.accuracy(x, y), 1e-12);
        assertEquals(probe.accuracy(x, y), LinearProbe.train(x, y, 3, 30, 42).accuracy(x, y));
    }
}
