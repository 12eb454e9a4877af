package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Cosine;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Syntactic distances between adjacent scored words from the model's vectors: the model reads the
 * whole sentence (punctuation included), a word's vector is the mean of its sub-tokens, and the
 * distance of words i, i+1 is 1 - cosine or the L2 distance of their vectors.
 */
public final class Trees {
    public enum Distance { COSINE, L2 }

    private Trees() {
    }

    /** Per sentence [state][scored words - 1], for each variant. */
    public static Map<Variant, List<double[][]>> distances(CorpusRunner runner, Clip clip, List<Bracketing> sentences,
                                                           Distance distance, Set<Variant> variants,
                                                           Progress progress) {
        List<String> texts = sentences.stream().map(Bracketing::text).toList();
        return runner.reduce(texts, variants, clip, (i, states) -> gaps(states, sentences.get(i).keptIndices(), distance), progress);
    }

    static double[][] gaps(TextStates states, int[] kept, Distance distance) {
        int[][] ranges = WordSpans.tokenRanges(states.text(), states.encoding());
        double[][] gaps = new double[states.numStates()][kept.length - 1];
        for (int s = 0; s < states.numStates(); s++) {
            float[] previous = null;
            for (int w = 0; w < kept.length; w++) {
                float[] vector = states.mean(s, ranges[kept[w]][0], ranges[kept[w]][1]);
                if (previous != null) {
                    gaps[s][w - 1] = distance == Distance.COSINE
                            ? 1 - Cosine.of(previous, vector) : Cosine.euclidean(previous, vector);
                }
                previous = vector;
            }
        }
        return gaps;
    }
}
