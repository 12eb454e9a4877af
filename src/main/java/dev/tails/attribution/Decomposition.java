package dev.tails.attribution;

/**
 * One token's value at one dim after a LayerNorm, split into parts that sum to it: beta, the
 * residual stream, the bias added before the LayerNorm, and one part per unit (head or neuron).
 */
public record Decomposition(double beta, double residual, double bias, double[] units) {

    public double sum() {
        double sum = beta + residual + bias;
        for (double unit : units) {
            sum += unit;
        }
        return sum;
    }
}
