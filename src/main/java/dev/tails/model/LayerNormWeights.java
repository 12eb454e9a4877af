package dev.tails.model;

import dev.tails.kernel.LayerNorm;

/**
 * LayerNorm's gain (gamma, HF "weight") and shift (beta, HF "bias") with the config's eps.
 *
 * @param gamma the gain, one per dim
 * @param beta the shift, one per dim
 * @param eps added to the variance before its square root
 */
public record LayerNormWeights(float[] gamma, float[] beta, float eps) {

    /**
     * Normalizes each of the rows of x (width gamma.length) into y; y may be x.
     *
     * @param x the input rows, row-major
     * @param rows the number of rows
     * @param y the output, of x's size
     */
    public void apply(float[] x, int rows, float[] y) {
        LayerNorm.forward(x, rows, gamma.length, gamma, beta, eps, y);
    }
}
