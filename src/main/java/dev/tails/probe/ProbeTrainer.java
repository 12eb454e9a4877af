package dev.tails.probe;

import dev.tails.TailsException;
import dev.tails.corpus.SentenceSample;

import java.util.Random;

/**
 * Trains a {@link PositionProbe}: W from zeros (the loss is convex, so no random start is needed),
 * mini-batches of a fresh shuffle per epoch drawn with the seed, one Adam step per batch.
 */
final class ProbeTrainer {
    private ProbeTrainer() {
    }

    /** x [n, hidden] with labels y in [0, classes); epochDone runs after each epoch. */
    static PositionProbe train(float[] x, int[] y, int n, int hidden, int classes, ProbeSettings settings, long seed,
                               ProbeProducts products, Runnable epochDone) {
        if (n < 1) {
            throw new TailsException("position probe: no training tokens");
        }
        if (classes < 1) {
            throw new TailsException("position probe: no classes (no positions seen)");
        }
        int batch = settings.batchSize();
        float[] w = new float[classes * hidden];
        float[] xb = new float[batch * hidden];
        int[] yb = new int[batch];
        float[] logits = new float[batch * classes];
        float[] gt = new float[classes * batch];
        float[] gradient = new float[classes * hidden];
        Adam adam = new Adam(w.length, settings.learningRate());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            SentenceSample.shuffle(order, random);
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(x, order[from + r] * hidden, xb, r * hidden, hidden);
                    yb[r] = y[order[from + r]];
                }
                products.logits(xb, rows, hidden, w, classes, logits);
                SoftmaxLoss.lossAndGradient(logits, rows, classes, yb, gt);
                products.weightGradient(gt, classes, rows, xb, hidden, gradient);
                adam.step(w, gradient);
            }
            epochDone.run();
        }
        return new PositionProbe(w, classes, hidden);
    }
}
