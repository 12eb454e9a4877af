package dev.tails.attribution;

import dev.tails.model.LinearWeights;

/**
 * What a Linear layer writes to dim d of its output minus what it writes to the mean of all output
 * dims: the only thing a LayerNorm after it sees of an input (for a frozen mean and sigma).
 */
final class CenteredWeights {
    private CenteredWeights() {
    }

    /** u[k] = W[d, k] - mean_i W[i, k] for weights [out, in]. */
    static double[] row(LinearWeights linear, int dim) {
        double[] columnMeans = new double[linear.in()];
        float[] w = linear.weight();
        for (int i = 0; i < linear.out(); i++) {
            for (int k = 0; k < linear.in(); k++) {
                columnMeans[k] += w[i * linear.in() + k];
            }
        }
        double[] u = new double[linear.in()];
        for (int k = 0; k < linear.in(); k++) {
            u[k] = w[dim * linear.in() + k] - columnMeans[k] / linear.out();
        }
        return u;
    }

    /** v[d] - mean_i v[i], for a bias or any vector that is added whole. */
    static double at(float[] vector, int offset, int width, int dim) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
            sum += vector[offset + i];
        }
        return vector[offset + dim] - sum / width;
    }
}
