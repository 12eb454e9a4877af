package dev.tails.eval;

import dev.tails.corpus.Cosine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Sentence pairs laid out as texts 2p and 2p+1, and the per-layer cosines of their vectors. */
public final class PairCosines {
    private PairCosines() {
    }

    /** [first of pair 0, second of pair 0, first of pair 1, ...]. */
    public static <P> List<String> interleave(List<P> pairs, Function<P, String> first,
                                              Function<P, String> second) {
        List<String> texts = new ArrayList<>(2 * pairs.size());
        for (P p : pairs) {
            texts.add(first.apply(p));
            texts.add(second.apply(p));
        }
        return texts;
    }

    /** Cosine per pair and state [pair][state], from per-text vectors [state][hidden] laid out as above. */
    public static double[][] of(List<float[][]> vectors) {
        double[][] cos = new double[vectors.size() / 2][];
        for (int p = 0; p < cos.length; p++) {
            float[][] a = vectors.get(2 * p);
            float[][] b = vectors.get(2 * p + 1);
            cos[p] = new double[a.length];
            for (int s = 0; s < a.length; s++) {
                cos[p][s] = Cosine.of(a[s], b[s]);
            }
        }
        return cos;
    }
}
