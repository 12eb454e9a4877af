package dev.tails.eval;

import dev.tails.corpus.Clip;
import dev.tails.corpus.Cosine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One vector per sense key and hidden state: the running sum of the contextual vectors of its
 * training occurrences, and their count. The sense vector is the mean, sum / count; cosine does not
 * see the division, so it compares the sum. Only the keys asked for at construction are kept (the
 * candidates of the evaluation's lemmas: no other sense is ever compared), and a key's floats are
 * allocated at its first occurrence.
 */
public final class SenseVectors {
    private final Map<String, float[][]> sums = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> kept;
    private final int states;
    private final int hiddenSize;

    public SenseVectors(Collection<String> keep, int states, int hiddenSize) {
        this.kept = Set.copyOf(keep);
        this.states = states;
        this.hiddenSize = hiddenSize;
    }

    public boolean keeps(String key) {
        return kept.contains(key);
    }

    /** Adds one occurrence's vectors [state][hidden] to the key's sums (ignored when the key is not kept). */
    public void add(String key, float[][] perState) {
        if (!keeps(key)) {
            return;
        }
        float[][] sum = sums.computeIfAbsent(key, k -> new float[states][hiddenSize]);
        for (int s = 0; s < states; s++) {
            for (int d = 0; d < hiddenSize; d++) {
                sum[s][d] += perState[s][d];
            }
        }
        counts.merge(key, 1, Integer::sum);
    }

    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** Cosine of a vector with the key's sense vector at one state; the key must have been seen. */
    public double cosine(String key, int state, float[] vector, Clip clip) {
        return clip.cosine(vector, 0, sums.get(key)[state], 0);
    }

    /** Keys seen at least once. */
    public int seen() {
        return sums.size();
    }

    /** Bytes of the sums (the rest is small). */
    public long bytes() {
        return (long) sums.size() * states * hiddenSize * Float.BYTES;
    }
}
