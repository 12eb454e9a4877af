package dev.tails.probe;

import dev.tails.eval.LinearProbe;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Temporary: the new trainer reproduces both old trainers bit for bit (deleted with the old paths). */
class OldPathEquivalenceTest {
    @Test
    void positionProbePath() {
        int n = 300, hidden = 40, classes = 8;
        Random random = new Random(5);
        float[] x = new float[n * hidden];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
            for (int d = 0; d < hidden; d++) {
                x[i * hidden + d] = (float) random.nextGaussian() + (d == 3 ? 10 * y[i] : 0);
            }
        }
        float[] old = ProbeTrainer.train(x, y, n, hidden, classes, new ProbeSettings(1, null, "t", 3, 64, 1e-2), 9,
                ProbeProducts.VECTOR, () -> { }).weights();
        LinearClassifier fresh = SoftmaxRegression.train(x, y, n, hidden, classes,
                new SoftmaxRegression.Options(Optimizer.Adam.pytorch(1e-2), false, false, Precision.FLOAT, 64, 3), 9, () -> { });
        double[] w = fresh.weights();
        float[] asFloat = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            asFloat[i] = (float) w[i];
            assertEquals(w[i], asFloat[i], 0.0, "a float value");
        }
        assertArrayEquals(old, asFloat);
        System.out.println("position golden: hash " + Arrays.hashCode(old) + " w[0]=" + old[0] + " w[3]=" + old[3] + " w[123]=" + old[123]);
    }

    @Test
    void linearProbePath() throws Exception {
        Random random = new Random(1);
        float[][] x = new float[300][];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            x[i] = new float[] {-40 + (float) random.nextGaussian(), 2 * y[i] + 0.2f * (float) random.nextGaussian(),
                    (float) random.nextGaussian(), 0};
        }
        LinearProbe old = LinearProbe.train(x, y, 3, 7, 42);
        var wf = LinearProbe.class.getDeclaredField("weights");
        wf.setAccessible(true);
        var bf = LinearProbe.class.getDeclaredField("bias");
        bf.setAccessible(true);
        double[][] ow = (double[][]) wf.get(old);
        double[] ob = (double[]) bf.get(old);
        float[] flat = new float[300 * 4];
        for (int i = 0; i < 300; i++) {
            System.arraycopy(x[i], 0, flat, i * 4, 4);
        }
        LinearClassifier fresh = SoftmaxRegression.train(flat, y, 300, 4, 3,
                new SoftmaxRegression.Options(new Optimizer.Sgd(0.05, 1e-4), true, true, Precision.DOUBLE, 32, 7), 42, () -> { });
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 4; d++) {
                assertEquals(ow[c][d], fresh.weight(c, d), 0.0, c + "," + d);
            }
        }
        var biasField = LinearClassifier.class.getDeclaredField("bias");
        biasField.setAccessible(true);
        assertArrayEquals(ob, (double[]) biasField.get(fresh), 0.0);
        int[] predicted = fresh.predict(flat, 300);
        for (int i = 0; i < 300; i++) {
            assertEquals(old.predict(x[i]), predicted[i]);
        }
        System.out.println("linear golden: w=" + Arrays.deepToString(ow) + " b=" + Arrays.toString(ob));
    }
}
