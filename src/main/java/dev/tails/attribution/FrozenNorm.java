package dev.tails.attribution;

import dev.tails.model.LayerNormWeights;

/**
 * LayerNorm of one token with its mean and sigma frozen, which makes it linear: the output at dim d
 * is beta_d + scale * sum_c (c_d - mean(c)) over any parts c that sum to the input, with
 * scale = gamma_d / sigma and sigma = sqrt(biased variance + eps), as the forward's LayerNorm
 * (two-pass, here in double).
 */
record FrozenNorm(double beta, double scale) {

    static FrozenNorm of(LayerNormWeights norm, int dim, float[] input, int offset, int width) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
            sum += input[offset + i];
        }
        double mean = sum / width;
        double squares = 0;
        for (int i = 0; i < width; i++) {
            double centered = input[offset + i] - mean;
            squares += centered * centered;
        }
        double sigma = Math.sqrt(squares / width + norm.eps());
        return new FrozenNorm(norm.beta()[dim], norm.gamma()[dim] / sigma);
    }
}
