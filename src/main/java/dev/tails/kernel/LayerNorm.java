package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * torch.nn.LayerNorm over the last dimension: biased variance, eps inside the square root.
 * Two passes (mean, then deviations from it): BERT's outlier dimensions make E[x²]-E[x]² cancel badly.
 */
public final class LayerNorm {
    private LayerNorm() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int ROWS_PER_TASK = 16;

    /** y[rows,n] = (x - mean) / sqrt(var + eps) · gamma + beta, row by row; y may be x. */
    public static void forward(float[] x, int rows, int n, float[] gamma, float[] beta, float eps, float[] y) {
        Parallel.forRange((rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK, t -> {
            for (int r = t * ROWS_PER_TASK; r < Math.min(rows, (t + 1) * ROWS_PER_TASK); r++) {
                row(x, y, r * n, n, gamma, beta, eps);
            }
        });
    }

    private static void row(float[] x, float[] y, int off, int n, float[] gamma, float[] beta, float eps) {
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float sum = Lanes.sum(acc);
        for (int i = bound; i < n; i++) {
            sum += x[off + i];
        }
        float mean = sum / n;

        // Corrected two-pass: Σd and Σd² with d = x - mean (exact when x is near mean). Σd/n is what
        // the float mean missed; it stays separate because mean + Σd/n would round to mean's ulp,
        // which can be most of the spread (rows like 1000 ± 0.005).
        FloatVector sumD = FloatVector.zero(S), sumD2 = sumD;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(mean);
            sumD = sumD.add(d);
            sumD2 = d.fma(d, sumD2);
        }
        float dSum = Lanes.sum(sumD), d2Sum = Lanes.sum(sumD2);
        for (int i = bound; i < n; i++) {
            float d = x[off + i] - mean;
            dSum += d;
            d2Sum += d * d;
        }
        float shift = dSum / n;
        float inv = (float) (1 / Math.sqrt(Math.max(0f, d2Sum / n - shift * shift) + eps));

        for (int i = 0; i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(mean).sub(shift).mul(inv);
            d.fma(FloatVector.fromArray(S, gamma, i), FloatVector.fromArray(S, beta, i)).intoArray(y, off + i);
        }
        for (int i = bound; i < n; i++) {
            y[off + i] = (x[off + i] - mean - shift) * inv * gamma[i] + beta[i];
        }
    }
}
