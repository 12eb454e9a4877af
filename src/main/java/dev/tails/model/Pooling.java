package dev.tails.model;

import java.util.Arrays;

/**
 * How sentence-transformers turns a text's token vectors into one vector. Every non-padding
 * token counts, [CLS] and [SEP] included, as sentence-transformers' attention-mask weighting does.
 */
public enum Pooling {
    /** The mean over the tokens (all-MiniLM-L6-v2, E5). */
    MEAN,
    /** The first token's vector, [CLS] (BGE). */
    CLS,
    /** Per dimension the largest value over the tokens. */
    MAX;

    /**
     * Pools one text's token states (no padding rows).
     *
     * @param states [length, hidden]
     * @param length the text's tokens
     * @param hidden the vector size
     * @return [hidden]
     */
    public float[] pool(float[] states, int length, int hidden) {
        if (length <= 0 || states.length != length * hidden) {
            throw new IllegalArgumentException("pool: " + states.length + " values are not " + length + " tokens x " + hidden);
        }
        return switch (this) {
            case CLS -> Arrays.copyOf(states, hidden);
            case MEAN -> mean(states, length, hidden);
            case MAX -> max(states, length, hidden);
        };
    }

    private static float[] mean(float[] states, int length, int hidden) {
        double[] sum = new double[hidden];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < hidden; d++) {
                sum[d] += states[t * hidden + d];
            }
        }
        float[] out = new float[hidden];
        for (int d = 0; d < hidden; d++) {
            out[d] = (float) (sum[d] / length);
        }
        return out;
    }

    private static float[] max(float[] states, int length, int hidden) {
        float[] out = Arrays.copyOf(states, hidden);
        for (int t = 1; t < length; t++) {
            for (int d = 0; d < hidden; d++) {
                out[d] = Math.max(out[d], states[t * hidden + d]);
            }
        }
        return out;
    }

    /**
     * Scales a vector to unit length in place, as sentence-transformers' Normalize (torch's F.normalize, eps 1e-12).
     *
     * @param v the vector; a zero vector stays zero
     */
    public static void normalize(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
    }
}
