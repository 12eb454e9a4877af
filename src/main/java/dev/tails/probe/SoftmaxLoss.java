package dev.tails.probe;

/** Mean cross-entropy of softmax(logits) against labels, and its gradient with respect to the logits. */
final class SoftmaxLoss {
    private SoftmaxLoss() {
    }

    /**
     * Returns the mean loss over the rows of logits [rows, classes] and writes the gradient
     * transposed, gt[c, i] = (softmax(logits_i)_c - [c == y_i]) / rows, ready for Gᵀ·X.
     * StrictMath.exp: the same bits interpreted or compiled, so training is deterministic.
     */
    static double lossAndGradient(float[] logits, int rows, int classes, int[] labels, float[] gt) {
        double loss = 0;
        double[] p = new double[classes];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = StrictMath.exp(logits[i * classes + c] - max);
                sum += p[c];
            }
            loss += Math.log(sum) + max - logits[i * classes + labels[i]];
            for (int c = 0; c < classes; c++) {
                gt[c * rows + i] = (float) ((p[c] / sum - (c == labels[i] ? 1 : 0)) / rows);
            }
        }
        return loss / rows;
    }
}
