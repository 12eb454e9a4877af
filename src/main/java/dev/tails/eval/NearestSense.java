package dev.tails.eval;

import dev.tails.corpus.Clip;

import java.util.List;

/** 1-nearest-neighbour WSD: the candidate sense whose vector is closest (cosine) to the word's. */
public final class NearestSense {
    private NearestSense() {
    }

    /**
     * The candidate (WordNet order) with the highest cosine at this state among those seen in
     * training, the first of equals winning; WordNet's first sense when none was seen; null when the
     * lemma has no candidate (no answer).
     */
    public static String choose(List<String> candidates, float[] vector, int state, SenseVectors senses, Clip clip) {
        String best = null;
        double bestCosine = Double.NEGATIVE_INFINITY;
        for (String key : candidates) {
            if (senses.count(key) > 0) {
                double cos = senses.cosine(key, state, vector, clip);
                if (cos > bestCosine) {
                    best = key;
                    bestCosine = cos;
                }
            }
        }
        if (best == null && !candidates.isEmpty()) {
            return candidates.getFirst();
        }
        return best;
    }
}
