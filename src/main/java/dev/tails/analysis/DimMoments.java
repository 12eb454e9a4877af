package dev.tails.analysis;

/**
 * Per-dim moments of a stream of vectors: mean, standard deviation, kurtosis and max |value|. Sums of
 * powers are taken in double around each dim's first value, so a dim whose mean is far from zero (a
 * tail dim) loses no digits to cancellation.
 */
public final class DimMoments {
    private final double[] shift;
    private final double[][] sums; // sums[k][d] = sum of (x_d - shift_d)^(k+1), k = 0..3
    private final double[] maxAbs;
    private long count;

    public DimMoments(int width) {
        this.shift = new double[width];
        this.sums = new double[4][width];
        this.maxAbs = new double[width];
    }

    /** Adds the vector x[off, off + width). */
    public void add(float[] x, int off) {
        int width = shift.length;
        if (count == 0) {
            for (int d = 0; d < width; d++) {
                shift[d] = x[off + d];
            }
        }
        for (int d = 0; d < width; d++) {
            double v = x[off + d];
            double y = v - shift[d];
            double y2 = y * y;
            sums[0][d] += y;
            sums[1][d] += y2;
            sums[2][d] += y2 * y;
            sums[3][d] += y2 * y2;
            maxAbs[d] = Math.max(maxAbs[d], Math.abs(v));
        }
        count++;
    }

    public long count() {
        return count;
    }

    public int width() {
        return shift.length;
    }

    public double mean(int d) {
        return shift[d] + sums[0][d] / count;
    }

    /** The population standard deviation (divided by n). */
    public double std(int d) {
        return Math.sqrt(centralSecond(d));
    }

    /** Pearson's kurtosis m4 / m2^2 (3 for a normal distribution); NaN for a constant dim or no vectors. */
    public double kurtosis(int d) {
        double m = sums[0][d] / count;
        double m2 = centralSecond(d);
        double m4 = sums[3][d] / count - 4 * m * sums[2][d] / count + 6 * m * m * sums[1][d] / count - 3 * m * m * m * m;
        return m2 > 0 ? m4 / (m2 * m2) : Double.NaN;
    }

    public double maxAbs(int d) {
        return maxAbs[d];
    }

    /** Every dim's kurtosis. */
    public double[] kurtosis() {
        double[] out = new double[width()];
        for (int d = 0; d < out.length; d++) {
            out[d] = kurtosis(d);
        }
        return out;
    }

    /** Every dim's max |value|. */
    public double[] maxAbs() {
        return maxAbs.clone();
    }

    private double centralSecond(int d) {
        double m = sums[0][d] / count;
        return Math.max(0, sums[1][d] / count - m * m);
    }
}
