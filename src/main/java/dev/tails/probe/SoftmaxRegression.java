package dev.tails.probe;

import dev.tails.TailsException;
import dev.tails.corpus.SentenceSample;

import java.util.Random;

/**
 * The trainer of both probes: softmax regression (multinomial logistic regression) on the mean
 * cross-entropy, weights from zeros (the loss is convex, so no random start is needed), mini-batches
 * of a fresh shuffle per epoch drawn with the seed, one optimizer step per batch.
 */
public final class SoftmaxRegression {
    private SoftmaxRegression() {
    }

    /**
     * bias: one learned per class; standardize: features centered and scaled by the train rows' mean and
     * deviation first (and again, with the same numbers, when predicting).
     */
    public record Options(Optimizer optimizer, boolean bias, boolean standardize, Precision precision, int batchSize,
                          int epochs) {
        public Options {
            if (batchSize < 1 || epochs < 1) {
                throw new TailsException("softmax regression needs at least 1 batch row and 1 epoch; got batch "
                        + batchSize + ", " + epochs + " epochs");
            }
        }
    }

    /** x [n, dims] with labels y in [0, classes); epochDone runs after each epoch. */
    public static LinearClassifier train(float[] x, int[] y, int n, int dims, int classes, Options options, long seed,
                                         Runnable epochDone) {
        if (n < 1) {
            throw new TailsException("softmax regression: no training rows");
        }
        if (classes < 1) {
            throw new TailsException("softmax regression: no classes");
        }
        Standardization scaling = options.standardize() ? Standardization.of(x, n, dims) : null;
        BatchMath math = options.precision().math(dims, classes, scaling);
        math.load(x, n);
        double[] w = new double[classes * dims];
        double[] gw = new double[w.length];
        double[] b = options.bias() ? new double[classes] : null;
        double[] gb = options.bias() ? new double[classes] : null;
        Optimizer.Step weightStep = options.optimizer().start(w.length, true, options.precision());
        Optimizer.Step biasStep = options.bias() ? options.optimizer().start(classes, false, options.precision()) : null;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            SentenceSample.shuffle(order, random);
            for (int from = 0; from < n; from += options.batchSize()) {
                int count = math.gradient(order, from, Math.min(options.batchSize(), n - from), y, w, b, gw, gb);
                weightStep.apply(w, gw, count);
                if (b != null) {
                    biasStep.apply(b, gb, count);
                }
            }
            epochDone.run();
        }
        // a math of its own: the classifier must not keep the training features alive
        return new LinearClassifier(w, b, dims, options.precision().math(dims, classes, scaling));
    }
}
