package dev.tails.eval;

import dev.tails.corpus.SentenceSample;

import java.util.Random;

/**
 * Multinomial logistic regression trained by mini-batch SGD for a fixed number of epochs, on
 * features standardized with the training set's mean and deviation (so one huge dim does not
 * set the step size). Deterministic for a seed.
 */
public final class LinearProbe {
    private static final int BATCH = 32;
    private static final double LEARNING_RATE = 0.05;
    private static final double L2 = 1e-4;

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights;
    private final double[] bias;

    private LinearProbe(int dims, int classes) {
        mean = new double[dims];
        scale = new double[dims];
        weights = new double[classes][dims];
        bias = new double[classes];
    }

    public static LinearProbe train(float[][] x, int[] y, int classes, int epochs, long seed) {
        LinearProbe probe = new LinearProbe(x[0].length, classes);
        probe.standardizeWith(x);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = probe.standardized(x[i]);
        }
        Random random = new Random(seed);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            SentenceSample.shuffle(order, random);
            for (int from = 0; from < order.length; from += BATCH) {
                probe.step(z, y, order, from, Math.min(order.length, from + BATCH));
            }
        }
        return probe;
    }

    public int predict(float[] features) {
        double[] p = probabilities(standardized(features));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    public double accuracy(float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (predict(x[i]) == y[i]) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    private void standardizeWith(float[][] x) {
        for (float[] row : x) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += row[d] / (double) x.length;
            }
        }
        for (float[] row : x) {
            for (int d = 0; d < mean.length; d++) {
                scale[d] += (row[d] - mean[d]) * (row[d] - mean[d]) / x.length;
            }
        }
        for (int d = 0; d < scale.length; d++) {
            // A constant feature (a clipped dim) stays 0 after centering.
            scale[d] = scale[d] > 0 ? 1 / Math.sqrt(scale[d]) : 0;
        }
    }

    private double[] standardized(float[] row) {
        double[] z = new double[row.length];
        for (int d = 0; d < row.length; d++) {
            z[d] = (row[d] - mean[d]) * scale[d];
        }
        return z;
    }

    private double[] probabilities(double[] z) {
        double[] logits = new double[bias.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.length; c++) {
            double s = bias[c];
            for (int d = 0; d < z.length; d++) {
                s += weights[c][d] * z[d];
            }
            logits[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    /** One gradient step of the mean cross-entropy (+ L2) over order[from, to). */
    private void step(double[][] z, int[] y, int[] order, int from, int to) {
        double[][] gradW = new double[bias.length][mean.length];
        double[] gradB = new double[bias.length];
        for (int k = from; k < to; k++) {
            int i = order[k];
            double[] p = probabilities(z[i]);
            for (int c = 0; c < p.length; c++) {
                double g = p[c] - (c == y[i] ? 1 : 0);
                gradB[c] += g;
                for (int d = 0; d < z[i].length; d++) {
                    gradW[c][d] += g * z[i][d];
                }
            }
        }
        int n = to - from;
        for (int c = 0; c < bias.length; c++) {
            bias[c] -= LEARNING_RATE * gradB[c] / n;
            for (int d = 0; d < mean.length; d++) {
                weights[c][d] -= LEARNING_RATE * (gradW[c][d] / n + L2 * weights[c][d]);
            }
        }
    }
}
