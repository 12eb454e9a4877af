package dev.tails.model;

import dev.tails.kernel.LayerNorm;

/** LayerNorm's gain (gamma, HF "weight") and shift (beta, HF "bias") with the config's eps. */
public record LayerNormWeights(float[] gamma, float[] beta, float eps) {

    /** Normalizes each of the rows of x (width gamma.length) into y; y may be x. */
    public void apply(float[] x, int rows, float[] y) {
        LayerNorm.forward(x, rows, gamma.length, gamma, beta, eps, y);
    }
}
