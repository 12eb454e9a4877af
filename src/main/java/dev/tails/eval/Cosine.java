package dev.tails.eval;

/** Cosine similarity, accumulated in double so long vectors with one huge dim keep their digits. */
public final class Cosine {
    private Cosine() {
    }

    /** cos(a, b); 0 when either vector is all zeros. */
    public static double of(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Euclidean distance |a - b|. */
    public static double euclidean(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
