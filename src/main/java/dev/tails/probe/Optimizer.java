package dev.tails.probe;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tails.TailsException;

/** How {@link SoftmaxRegression} moves the parameters after each batch; the records are the settings a report shows. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "name")
@JsonSubTypes({@JsonSubTypes.Type(value = Optimizer.Adam.class, name = "adam"), @JsonSubTypes.Type(value = Optimizer.Sgd.class, name = "sgd")})
public sealed interface Optimizer {

    /**
     * Adam (Kingma and Ba 2015) with bias correction. The paper trains its position probes with Adam
     * without giving the settings, so {@link #pytorch} gives PyTorch's defaults.
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public Adam {
            requirePositive(learningRate);
        }

        public static Adam pytorch(double learningRate) {
            return new Adam(learningRate, 0.9, 0.999, 1e-8);
        }

        @Override
        public String describe() {
            return "Adam (lr " + learningRate + ", betas " + beta1 + "/" + beta2 + ", eps " + epsilon + ")";
        }

        @Override
        public Step start(int parameters, boolean decays, Precision precision) {
            double[] m = new double[parameters];
            double[] v = new double[parameters];
            int[] steps = {0};
            // w -= lr · m̂ / (sqrt(v̂) + eps) after folding the gradient into the moments, each stored at the precision
            return (w, sums, count) -> {
                steps[0]++;
                double correct1 = 1 - Math.pow(beta1, steps[0]);
                double correct2 = 1 - Math.pow(beta2, steps[0]);
                for (int i = 0; i < w.length; i++) {
                    double g = sums[i] / count;
                    m[i] = precision.round(beta1 * m[i] + (1 - beta1) * g);
                    v[i] = precision.round(beta2 * v[i] + (1 - beta2) * g * g);
                    w[i] = precision.round(w[i] - learningRate * (m[i] / correct1) / (Math.sqrt(v[i] / correct2) + epsilon));
                }
            };
        }
    }

    /** Plain gradient descent with L2 weight decay on the weights (never on a bias). */
    record Sgd(double learningRate, double weightDecay) implements Optimizer {
        public Sgd {
            requirePositive(learningRate);
        }

        @Override
        public String describe() {
            return "SGD (lr " + learningRate + ", L2 " + weightDecay + " on the weights)";
        }

        @Override
        public Step start(int parameters, boolean decays, Precision precision) {
            if (!decays) {
                return (b, sums, count) -> {
                    for (int i = 0; i < b.length; i++) {
                        b[i] = precision.round(b[i] - learningRate * sums[i] / count);
                    }
                };
            }
            return (w, sums, count) -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] = precision.round(w[i] - learningRate * (sums[i] / count + weightDecay * w[i]));
                }
            };
        }
    }

    /** Name and settings, for a report. */
    String describe();

    /** A fresh optimizer state for one group of parameters; decays: weights (true) or a bias (false). */
    Step start(int parameters, boolean decays, Precision precision);

    /** One update from a batch: the gradient is sums / count (each precision sums its own way, see {@link BatchMath}). */
    @FunctionalInterface
    interface Step {
        void apply(double[] parameters, double[] sums, int count);
    }

    private static void requirePositive(double learningRate) {
        if (!(learningRate > 0)) {
            throw new TailsException("optimizer: the learning rate must be positive, got " + learningRate);
        }
    }
}
