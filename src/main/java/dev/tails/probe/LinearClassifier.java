package dev.tails.probe;

/** A trained softmax regression: class = argmax of W·x + b over (standardized) features. */
public final class LinearClassifier {
    private final double[] weights;
    private final double[] bias;
    private final int dims;
    private final BatchMath math;

    LinearClassifier(double[] weights, double[] bias, int dims, BatchMath math) {
        this.weights = weights;
        this.bias = bias;
        this.dims = dims;
        this.math = math;
    }

    /** The predicted class of each of the rows of x [rows, dims] (raw features: standardized here when trained so). */
    public int[] predict(float[] x, int rows) {
        return math.predict(x, rows, weights, bias);
    }

    /** W[c, d] of the (standardized) features. */
    public double weight(int c, int d) {
        return weights[c * dims + d];
    }

    /** A copy of the bias per class; null when trained without one. */
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** A copy of W [classes, dims], row-major. */
    public double[] weights() {
        return weights.clone();
    }
}
