package dev.tails.probe;

/**
 * {@link Precision#FLOAT}: a batch's logits X·Wᵀ and weight gradient Gᵀ·X on the encoder's GEMM, the
 * softmax gradient already divided by the batch size in float (so the sums need no further division).
 */
final class FloatMath implements BatchMath {
    private final int dims;
    private final int classes;
    private final Standardization scaling;
    private final ProbeProducts products;
    private float[] x;
    private float[] batch = new float[0];
    private int[] batchLabels = new int[0];
    private float[] logits = new float[0];
    private float[] gt = new float[0];
    private final float[] gradient;

    FloatMath(int dims, int classes, Standardization scaling, ProbeProducts products) {
        this.dims = dims;
        this.classes = classes;
        this.scaling = scaling;
        this.products = products;
        this.gradient = new float[classes * dims];
    }

    @Override
    public void load(float[] x, int n) {
        this.x = scaling == null ? x : standardized(x, n);  // raw features are not copied: they may be gigabytes
    }

    @Override
    public int gradient(int[] order, int from, int rows, int[] labels, double[] w, double[] b, double[] gw, double[] gb) {
        if (batch.length < rows * dims) {
            batch = new float[rows * dims];
            batchLabels = new int[rows];
            logits = new float[rows * classes];
            gt = new float[classes * rows];
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, order[from + r] * dims, batch, r * dims, dims);
            batchLabels[r] = labels[order[from + r]];
        }
        logits(batch, rows, w, b, logits);
        SoftmaxLoss.lossAndGradient(logits, rows, classes, batchLabels, gt);
        products.weightGradient(gt, classes, rows, batch, dims, gradient);
        for (int i = 0; i < gradient.length; i++) {
            gw[i] = gradient[i];
        }
        if (gb != null) {
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += gt[c * rows + r];
                }
                gb[c] = sum;
            }
        }
        return 1;
    }

    @Override
    public int[] predict(float[] raw, int rows, double[] w, double[] b) {
        float[] scores = new float[rows * classes];
        logits(scaling == null ? raw : standardized(raw, rows), rows, w, b, scores);
        int[] best = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 1; c < classes; c++) {
                if (scores[i * classes + c] > scores[i * classes + best[i]]) {
                    best[i] = c;
                }
            }
        }
        return best;
    }

    /** out[rows, classes] = rows · Wᵀ (+ b), W held in float for the GEMM (its values are floats already). */
    private void logits(float[] rowsOf, int rows, double[] w, double[] b, float[] out) {
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        products.logits(rowsOf, rows, dims, wf, classes, out);
        if (b != null) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < classes; c++) {
                    out[r * classes + c] += (float) b[c];
                }
            }
        }
    }

    private float[] standardized(float[] raw, int rows) {
        float[] out = new float[rows * dims];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) scaling.apply(raw[i], i % dims);
        }
        return out;
    }
}
