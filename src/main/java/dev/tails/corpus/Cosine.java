package dev.tails.corpus;

/** Cosine similarity, accumulated in double so long vectors with one huge dim keep their digits. */
public final class Cosine {
    private Cosine() {
    }

    /**
     * The cosine of two vectors.
     *
     * @param a the first vector
     * @param b the second vector, of a's length
     * @return cos(a, b), or 0 when either vector is all zeros
     */
    public static double of(float[] a, float[] b) {
        return of(a, 0, b, 0, a.length, null);
    }

    /**
     * cos of the rows a[aOff, aOff + n) and b[bOff, bOff + n) as if the dims where {@code zeroed[i]} were 0 in
     * both (null: none), without copying either; 0 when either row is all zeros.
     */
    static double of(float[] a, int aOff, float[] b, int bOff, int n, boolean[] zeroed) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < n; i++) {
            if (zeroed != null && zeroed[i]) {
                continue;
            }
            double x = a[aOff + i];
            double y = b[bOff + i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * The Euclidean distance, accumulated in double.
     *
     * @param a the first vector
     * @param b the second vector, of a's length
     * @return |a - b|
     */
    public static double euclidean(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
