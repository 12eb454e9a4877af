package dev.tails.eval;

import dev.tails.probe.LinearClassifier;
import dev.tails.probe.Optimizer;
import dev.tails.probe.Precision;
import dev.tails.probe.SoftmaxRegression;

/**
 * The evaluations' probe: softmax regression by mini-batch SGD (batch 32, lr 0.05, L2 1e-4) with a
 * bias, in double, on features standardized with the training set's mean and deviation (so one huge
 * dim does not set the step size). Deterministic for a seed.
 */
public final class LinearProbe {
    private final LinearClassifier classifier;
    private final int dims;

    private LinearProbe(LinearClassifier classifier, int dims) {
        this.classifier = classifier;
        this.dims = dims;
    }

    /** The training of {@link #train}, for a number of epochs. */
    private static SoftmaxRegression.Options training(int epochs) {
        return new SoftmaxRegression.Options(new Optimizer.Sgd(0.05, 1e-4), true, true, Precision.DOUBLE, 32, epochs);
    }

    public static LinearProbe train(float[][] x, int[] y, int classes, int epochs, long seed) {
        int dims = x[0].length;
        return new LinearProbe(SoftmaxRegression.train(rows(x, dims), y, x.length, dims, classes, training(epochs), seed,
                () -> { }), dims);
    }

    public int predict(float[] features) {
        return classifier.predict(features, 1)[0];
    }

    public double accuracy(float[][] x, int[] y) {
        int[] predicted = classifier.predict(rows(x, dims), x.length);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) correct / x.length;
    }

    private static float[] rows(float[][] x, int dims) {
        float[] flat = new float[x.length * dims];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * dims, dims);
        }
        return flat;
    }
}
