package dev.tails.analysis;

import java.util.Arrays;

/** Dims read as zero: the paper's clipping of the outlier dims in the final vectors. NONE clips nothing. */
public record Clip(int[] dims, boolean[] clipped) {
    public static Clip none(int hidden) {
        return new Clip(new int[0], new boolean[hidden]);
    }

    public static Clip of(int hidden, int... dims) {
        boolean[] clipped = new boolean[hidden];
        for (int d : dims) {
            clipped[d] = true;
        }
        return new Clip(dims.clone(), clipped);
    }

    /** x[off + d], or 0 when d is clipped. */
    public float value(float[] x, int off, int d) {
        return clipped[d] ? 0f : x[off + d];
    }

    /** Cosine of two rows of length clipped.length, reading clipped dims as zero; 0 when a row is all zero. */
    public double cosine(float[] a, int aOff, float[] b, int bOff) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < clipped.length; d++) {
            double x = value(a, aOff, d);
            double y = value(b, bOff, d);
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
