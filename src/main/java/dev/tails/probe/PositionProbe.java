package dev.tails.probe;

import dev.tails.TailsException;

/**
 * A linear classifier without bias from a hidden vector to its token's position: softmax over
 * W [classes, hidden] · v, on raw vectors (the paper's probe; Adam's per-weight steps cope with
 * dim 557 being ten times the rest).
 */
final class PositionProbe {
    /** The paper's cap: positions from 300 on are left out. */
    static final int MAX_CLASSES = 300;

    private final float[] w;
    private final int classes;
    private final int hidden;

    PositionProbe(float[] w, int classes, int hidden) {
        if (classes < 1 || hidden < 1 || w.length != classes * hidden) {
            throw new TailsException("position probe: " + classes + " classes x " + hidden + " dims do not fit "
                    + w.length + " weights");
        }
        this.w = w;
        this.classes = classes;
        this.hidden = hidden;
    }

    int classes() {
        return classes;
    }

    float[] weights() {
        return w;
    }

    /** Predicted position of each of the rows of x [rows, hidden]. */
    int[] predict(float[] x, int rows) {
        float[] logits = new float[rows * classes];
        ProbeProducts.VECTOR.logits(x, rows, hidden, w, classes, logits);
        int[] best = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best[i]]) {
                    best[i] = c;
                }
            }
        }
        return best;
    }

    /** Adds |W[y, d] · v_d| to sums[d]: the paper's contribution of dim d, taking the true position's weight. */
    void addContributions(float[] x, int row, int y, double[] sums) {
        for (int d = 0; d < hidden; d++) {
            sums[d] += Math.abs((double) w[y * hidden + d] * x[row * hidden + d]);
        }
    }
}
