package dev.tails.attribution;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One token's value at one dim after a LayerNorm, split into parts that sum to it: beta, the
 * residual stream, the bias added before the LayerNorm, and one part per unit (head or neuron; left out of
 * JSON: the top units are in {@link Attribution}).
 */
public record Decomposition(double beta, double residual, double bias, @JsonIgnore double[] units) {

    public double sum() {
        double sum = beta + residual + bias;
        for (double unit : units) {
            sum += unit;
        }
        return sum;
    }
}
