package dev.tails.eval;

/** Cosine similarity, accumulated in double so long vectors with one huge dim keep their digits. */
public final class Cosine {
    private Cosine() {
    }

    /** cos(a, b); 0 when either vector is all zeros. */
    public static double of(float[] a, float[] b) {
        return of(a, b, null);
    }

    /** cos(a, b) as if the dims where {@code zeroed[i]} were 0 in both (null: none), without copying either. */
    public static double of(float[] a, float[] b, boolean[] zeroed) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            if (zeroed != null && zeroed[i]) {
                continue;
            }
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
