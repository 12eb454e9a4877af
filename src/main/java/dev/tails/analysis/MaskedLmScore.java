package dev.tails.analysis;

/**
 * Accuracy and mean cross-entropy of masked-token predictions: per masked token, whether the argmax of the
 * logits is the original id (equal logits: the lowest id wins, as torch's argmax) and -log softmax at that
 * id, the log-sum-exp taken in double around the maximum.
 */
public final class MaskedLmScore {
    private long tokens;
    private long correct;
    private double lossSum;

    /** Scores one token whose logits are {@code logits[from, from + vocab)}, against the original id. */
    public void add(float[] logits, int from, int vocab, int target) {
        int best = 0;
        float max = logits[from];
        for (int v = 1; v < vocab; v++) {
            if (logits[from + v] > max) {
                max = logits[from + v];
                best = v;
            }
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += Math.exp((double) logits[from + v] - max);
        }
        lossSum += Math.log(sum) + max - logits[from + target];
        correct += best == target ? 1 : 0;
        tokens++;
    }

    public long tokens() {
        return tokens;
    }

    /** Share of masked tokens predicted exactly; NaN when none was scored. */
    public double accuracy() {
        return tokens == 0 ? Double.NaN : (double) correct / tokens;
    }

    /** Mean cross-entropy in nats; NaN when none was scored. */
    public double loss() {
        return tokens == 0 ? Double.NaN : lossSum / tokens;
    }
}
