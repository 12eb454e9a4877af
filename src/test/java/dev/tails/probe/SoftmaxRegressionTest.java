package dev.tails.probe;

import dev.tails.TailsException;
import dev.tails.attribution.UnitMean;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probes' trainer against hand-checked steps, a finite-difference gradient, its scalar twin and the former trainers. */
class SoftmaxRegressionTest {
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

    /** The position probes' way: Adam, no bias, raw features, float on the GEMM. */
    private static SoftmaxRegression.Options adam(int epochs, int batch, double lr, Precision precision) {
        return new SoftmaxRegression.Options(Optimizer.Adam.pytorch(lr), false, false, precision, batch, epochs);
    }

    private static LinearClassifier train(Data d, SoftmaxRegression.Options options, long seed) {
        return SoftmaxRegression.train(d.x, d.y, d.n, HIDDEN, CLASSES, options, seed, NOTHING);
    }

    @Test
    void learnsAPositionEncodedInTwoDimsAndThoseDimsContributeMost() {
        LinearClassifier probe = train(Data.of(2000, 1), adam(10, 128, 1e-2, Precision.FLOAT), 7);
        Data dev = Data.of(500, 2);
        int[] predicted = probe.predict(dev.x, dev.n);
        double[] sums = new double[HIDDEN];
        int correct = 0;
        for (int i = 0; i < dev.n; i++) {
            correct += predicted[i] == dev.y[i] ? 1 : 0;
            for (int d = 0; d < HIDDEN; d++) {
                sums[d] += Math.abs(probe.weight(dev.y[i], d) * dev.x[i * HIDDEN + d]);
            }
        }
        assertTrue(correct >= 0.99 * dev.n, correct + " of " + dev.n);
        List<UnitMean> top = UnitMean.top(sums, 2);
        assertEquals(Set.of(ENCODING[0], ENCODING[1]), Set.of(top.get(0).index(), top.get(1).index()));
    }

    /**
     * Three classes in a row along one dim, around 100: the middle one needs a bias (its logit must beat
     * both neighbours' on an interval), and the offset needs centering. SGD in double, as eval's probe.
     */
    @Test
    void sgdWithBiasOnStandardizedFeaturesSeparatesClassesInARow() {
        Random random = new Random(13);
        int n = 600;
        float[] x = new float[n * HIDDEN];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int d = 0; d < HIDDEN; d++) {
                x[i * HIDDEN + d] = (float) random.nextGaussian();
            }
            x[i * HIDDEN + ENCODING[0]] = 100 + 4 * y[i] + 0.3f * (float) random.nextGaussian();
        }
        var options = new SoftmaxRegression.Options(new Optimizer.Sgd(0.05, 1e-4), true, true, Precision.DOUBLE, 32, 30);
        assertArrayEquals(y, SoftmaxRegression.train(x, y, n, HIDDEN, 3, options, 3, NOTHING).predict(x, n));
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

    /** Float on the GEMM and plain double loops train to the same weights, up to float rounding. */
    @Test
    void floatAndDoublePrecisionAgree() {
        Data d = Data.of(300, 5);  // 300 = 4 x 64 + 44: a short last batch
        double[] f = train(d, adam(3, 64, 1e-2, Precision.FLOAT), 9).weights();
        double[] g = train(d, adam(3, 64, 1e-2, Precision.DOUBLE), 9).weights();
        for (int i = 0; i < f.length; i++) {
            assertEquals(g[i], f[i], 1e-4, "weight " + i);
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
        double[] w = {1, -2, 0.5};
        double[] g = {0.5, -0.1, 0};
        Optimizer.Step adam = Optimizer.Adam.pytorch(0.1).start(3, true, Precision.DOUBLE);
        adam.apply(w, g, 1);
        assertArrayEquals(new double[]{0.9, -1.9, 0.5}, w, 1e-7);  // eps shortens each step by ~1e-9
        adam.apply(w, g, 1);
        assertArrayEquals(new double[]{0.8, -1.8, 0.5}, w, 1e-7);
        // The gradient flips: the moments carry the past, so the step is no longer lr.
        adam.apply(w, new double[]{-0.5, 0.1, 0}, 1);
        double m = 0.9 * (0.9 * 0.05 + 0.05) + 0.1 * -0.5;          // 0.0355
        double v = 0.999 * (0.999 * 0.00025 + 0.00025) + 0.00025;  // g² = 0.25 every step
        double step = 0.1 * (m / (1 - Math.pow(0.9, 3))) / (Math.sqrt(v / (1 - Math.pow(0.999, 3))) + 1e-8);
        assertEquals(0.8 - step, w[0], 1e-7);
    }

    /** By hand, lr 0.1, L2 0.01, a batch of 2 whose gradients sum to (0.5, -0.1): weights decay, a bias does not. */
    @Test
    void sgdStepsByHand() {
        Optimizer sgd = new Optimizer.Sgd(0.1, 0.01);
        double[] w = {1, -2};
        sgd.start(2, true, Precision.DOUBLE).apply(w, new double[]{0.5, -0.1}, 2);
        assertArrayEquals(new double[]{1 - 0.1 * (0.25 + 0.01), -2 - 0.1 * (-0.05 - 0.02)}, w, 1e-12);
        double[] b = {1, -2};
        sgd.start(2, false, Precision.DOUBLE).apply(b, new double[]{0.5, -0.1}, 2);
        assertArrayEquals(new double[]{1 - 0.1 * 0.25, -2 + 0.1 * 0.05}, b, 1e-12);
    }

    /** Weights of the position probes' former trainer (ProbeTrainer at 656b1ce) on this problem: FLOAT keeps its every bit. */
    @Test
    void reproducesThePositionProbesFormerTrainer() {
        Random random = new Random(5);
        int n = 300;
        float[] x = new float[n * HIDDEN];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(CLASSES);
            for (int d = 0; d < HIDDEN; d++) {
                x[i * HIDDEN + d] = (float) random.nextGaussian() + (d == 3 ? 10 * y[i] : 0);
            }
        }
        double[] w = SoftmaxRegression.train(x, y, n, HIDDEN, CLASSES, adam(3, 64, 1e-2, Precision.FLOAT), 9, NOTHING).weights();
        float[] asFloat = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            asFloat[i] = (float) w[i];
        }
        assertEquals(-0.0063020196f, asFloat[0]);
        assertEquals(-0.099930905f, asFloat[3]);
        assertEquals(0.007261463f, asFloat[123]);
        assertEquals(-440464826, Arrays.hashCode(asFloat), "every weight's bits");
    }

    /** Weights and bias of eval's former LinearProbe (at 656b1ce, 7 epochs, seed 42) on this problem, to the bit. */
    @Test
    void reproducesEvalsFormerLinearProbe() {
        Random random = new Random(1);
        int n = 300;
        int dims = 4;
        float[] x = new float[n * dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            float[] row = {-40 + (float) random.nextGaussian(), 2 * y[i] + 0.2f * (float) random.nextGaussian(),
                    (float) random.nextGaussian(), 0};
            System.arraycopy(row, 0, x, i * dims, dims);
        }
        var options = new SoftmaxRegression.Options(new Optimizer.Sgd(0.05, 1e-4), true, true, Precision.DOUBLE, 32, 7);
        LinearClassifier probe = SoftmaxRegression.train(x, y, n, dims, 3, options, 42, NOTHING);
        assertArrayEquals(new double[]{
                -0.061783127092096185, -0.8853265654737655, -0.04635151231174982, 0.0,
                -0.0388391320276498, -0.004680180785424391, 0.058461858459859836, 0.0,
                0.10062225911974594, 0.8900067462591904, -0.012110346148109984, 0.0}, probe.weights(), 0);
        assertArrayEquals(new double[]{-0.039927929178585446, 0.0760022556597353, -0.03607432648114989}, probe.bias(), 0);
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherOrder() {
        Data d = Data.of(500, 6);
        var options = adam(2, 32, 1e-3, Precision.FLOAT);
        double[] a = train(d, options, 1).weights();
        assertArrayEquals(a, train(d, options, 1).weights());
        assertFalse(Arrays.equals(a, train(d, options, 2).weights()));
    }

    @Test
    void badSettingsAreClearErrors() {
        Data d = Data.of(10, 1);
        var options = adam(1, 4, 1e-3, Precision.FLOAT);
        assertTrue(assertThrows(TailsException.class, () -> SoftmaxRegression.train(d.x, d.y, d.n, HIDDEN, 0, options, 1,
                NOTHING)).getMessage().contains("no classes"));
        assertTrue(assertThrows(TailsException.class, () -> SoftmaxRegression.train(d.x, d.y, 0, HIDDEN, CLASSES, options, 1,
                NOTHING)).getMessage().contains("no training rows"));
        assertTrue(assertThrows(TailsException.class, () -> new ProbeSettings(1, List.of(), "dev.txt", options))
                .getMessage().contains("dev.txt has no dev texts"));
        assertTrue(assertThrows(TailsException.class, () -> new ProbeSettings(0, null, "held out", options))
                .getMessage().contains("at least 1 train sentence"));
        assertTrue(assertThrows(TailsException.class, () -> adam(0, 128, 1e-3, Precision.FLOAT)).getMessage().contains("1 epoch"));
        assertTrue(assertThrows(TailsException.class, () -> adam(1, 128, 0, Precision.FLOAT)).getMessage().contains("learning rate"));
    }
}
