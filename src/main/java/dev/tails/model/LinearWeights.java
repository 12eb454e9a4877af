package dev.tails.model;

import dev.tails.kernel.Linear;

/** A dense layer in the checkpoint's layout: weight [out, in] (as torch.nn.Linear), bias [out]. */
public record LinearWeights(float[] weight, float[] bias, int out, int in) {

    /** y[rows, out] = x[rows, in] · Wᵀ + b. */
    public void apply(float[] x, int rows, float[] y) {
        Linear.forward(x, rows, in, weight, bias, out, y);
    }
}
