package dev.tails.probe;

import dev.tails.TailsException;
import dev.tails.attribution.UnitMean;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The position probe's trainer against hand-checked steps, a finite-difference gradient and its scalar twin. */
class PositionProbeTest {
    private static final int HIDDEN = 40;  // not a multiple of the vector width: the GEMM's edge tiles run
    private static final int CLASSES = 8;
    private static final int[] ENCODING = {3, 29};
    private static final Runnable NOTHING = () -> {
    };

    /** Tokens whose position sits on a circle in two dims (amplitude 10), N(0, 1) noise elsewhere. */
    private record Data(float[] x, int[] y, int n) {
        static Data of(int n, long seed) {
            Random random = new Random(seed);
            float[] x = new float[n * HIDDEN];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextInt(CLASSES);
                for (int d = 0; d < HIDDEN; d++) {
                    x[i * HIDDEN + d] = (float) random.nextGaussian();
                }
                double angle = 2 * Math.PI * y[i] / CLASSES;
                x[i * HIDDEN + ENCODING[0]] = (float) (10 * Math.cos(angle) + 0.3 * random.nextGaussian());
                x[i * HIDDEN + ENCODING[1]] = (float) (10 * Math.sin(angle) + 0.3 * random.nextGaussian());
            }
            return new Data(x, y, n);
        }
    }

    private static PositionProbe train(Data d, ProbeSettings settings, long seed, ProbeProducts products) {
        return ProbeTrainer.train(d.x, d.y, d.n, HIDDEN, CLASSES, settings, seed, products, NOTHING);
    }

    private static ProbeSettings settings(int epochs, int batch, double lr) {
        return new ProbeSettings(1, null, "test", epochs, batch, lr);
    }

    @Test
    void learnsAPositionEncodedInTwoDimsAndThoseDimsContributeMost() {
        PositionProbe probe = train(Data.of(2000, 1), settings(10, 128, 1e-2), 7, ProbeProducts.VECTOR);
        Data dev = Data.of(500, 2);
        int[] predicted = probe.predict(dev.x, dev.n);
        double[] sums = new double[HIDDEN];
        int correct = 0;
        for (int i = 0; i < dev.n; i++) {
            correct += predicted[i] == dev.y[i] ? 1 : 0;
            probe.addContributions(dev.x, i, dev.y[i], sums);
        }
        assertTrue(correct >= 0.99 * dev.n, correct + " of " + dev.n);
        List<UnitMean> top = new ProbeResult.Layer(1, 1, sums).top(2);
        assertEquals(java.util.Set.of(ENCODING[0], ENCODING[1]), java.util.Set.of(top.get(0).index(), top.get(1).index()));
    }

    @Test
    void vectorProductsMatchTheScalarTwin() {
        Data d = Data.of(37, 3);
        float[] w = Data.of(CLASSES, 4).x;
        float[] vector = new float[d.n * CLASSES];
        float[] scalar = new float[d.n * CLASSES];
        ProbeProducts.VECTOR.logits(d.x, d.n, HIDDEN, w, CLASSES, vector);
        ProbeProducts.SCALAR.logits(d.x, d.n, HIDDEN, w, CLASSES, scalar);
        assertArrayEquals(scalar, vector, 1e-3f);
        float[] gt = new float[CLASSES * d.n];
        SoftmaxLoss.lossAndGradient(scalar, d.n, CLASSES, d.y, gt);
        float[] gv = new float[CLASSES * HIDDEN];
        float[] gs = new float[CLASSES * HIDDEN];
        ProbeProducts.VECTOR.weightGradient(gt, CLASSES, d.n, d.x, HIDDEN, gv);
        ProbeProducts.SCALAR.weightGradient(gt, CLASSES, d.n, d.x, HIDDEN, gs);
        assertArrayEquals(gs, gv, 1e-5f);
    }

    @Test
    void vectorTrainerMatchesTheScalarTwin() {
        Data d = Data.of(300, 5);
        ProbeSettings s = settings(3, 64, 1e-2);  // 300 = 4 x 64 + 44: a short last batch
        float[] vector = train(d, s, 9, ProbeProducts.VECTOR).weights();
        float[] scalar = train(d, s, 9, ProbeProducts.SCALAR).weights();
        for (int i = 0; i < vector.length; i++) {
            assertEquals(scalar[i], vector[i], 1e-4, "weight " + i);
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        Data d = Data.of(6, 11);
        float[] w = Data.of(CLASSES, 12).x;
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.05f;
        }
        float[] gt = new float[CLASSES * d.n];
        loss(d, w, gt);
        float[] gradient = new float[CLASSES * HIDDEN];
        ProbeProducts.SCALAR.weightGradient(gt, CLASSES, d.n, d.x, HIDDEN, gradient);
        float h = 1e-2f;
        for (int i = 0; i < w.length; i += 7) {
            float keep = w[i];
            w[i] = keep + h;
            double up = loss(d, w, new float[gt.length]);
            w[i] = keep - h;
            double down = loss(d, w, new float[gt.length]);
            w[i] = keep;
            assertEquals((up - down) / (2 * h), gradient[i], 2e-3, "weight " + i);
        }
    }

    private static double loss(Data d, float[] w, float[] gt) {
        float[] logits = new float[d.n * CLASSES];
        ProbeProducts.SCALAR.logits(d.x, d.n, HIDDEN, w, CLASSES, logits);
        return SoftmaxLoss.lossAndGradient(logits, d.n, CLASSES, d.y, gt);
    }

    /** By hand: m̂ = g and v̂ = g² after bias correction, so while g stays the same each step moves w by lr·sign(g). */
    @Test
    void adamStepsByHand() {
        float[] w = {1f, -2f, 0.5f};
        float[] g = {0.5f, -0.1f, 0f};
        Adam adam = new Adam(3, 0.1);
        adam.step(w, g);
        assertArrayEquals(new float[]{0.9f, -1.9f, 0.5f}, w, 1e-6f);
        adam.step(w, g);
        assertArrayEquals(new float[]{0.8f, -1.8f, 0.5f}, w, 1e-6f);
        // The gradient flips: the moments carry the past, so the step is no longer lr.
        adam.step(w, new float[]{-0.5f, 0.1f, 0f});
        double m = 0.9 * (0.9 * 0.05 + 0.05) + 0.1 * -0.5;          // 0.0355
        double v = 0.999 * (0.999 * 0.00025 + 0.00025) + 0.00025;  // g² = 0.25 every step
        double step = 0.1 * (m / (1 - Math.pow(0.9, 3))) / (Math.sqrt(v / (1 - Math.pow(0.999, 3))) + 1e-8);
        assertEquals(0.8 - step, w[0], 1e-6);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherOrder() {
        Data d = Data.of(500, 6);
        ProbeSettings s = settings(2, 32, 1e-3);
        float[] a = train(d, s, 1, ProbeProducts.VECTOR).weights();
        assertArrayEquals(a, train(d, s, 1, ProbeProducts.VECTOR).weights());
        assertFalse(java.util.Arrays.equals(a, train(d, s, 2, ProbeProducts.VECTOR).weights()));
    }

    @Test
    void badSettingsAreClearErrors() {
        Data d = Data.of(10, 1);
        assertTrue(assertThrows(TailsException.class, () -> ProbeTrainer.train(d.x, d.y, d.n, HIDDEN, 0, settings(1, 4, 1e-3),
                1, ProbeProducts.VECTOR, NOTHING)).getMessage().contains("no classes"));
        assertTrue(assertThrows(TailsException.class, () -> ProbeTrainer.train(d.x, d.y, 0, HIDDEN, CLASSES, settings(1, 4, 1e-3),
                1, ProbeProducts.VECTOR, NOTHING)).getMessage().contains("no training tokens"));
        assertTrue(assertThrows(TailsException.class, () -> new ProbeSettings(1, List.of(), "dev.txt", 1, 1, 1e-3))
                .getMessage().contains("dev.txt has no dev texts"));
        assertTrue(assertThrows(TailsException.class, () -> settings(0, 128, 1e-3)).getMessage().contains("position probes"));
        assertTrue(assertThrows(TailsException.class, () -> settings(1, 128, 0)).getMessage().contains("learning rate"));
    }
}
