package dev.tails.probe;

/** {@link Precision#DOUBLE}: every row's probabilities and gradient in double loops, summed over the batch. */
final class DoubleMath implements BatchMath {
    private final int dims;
    private final int classes;
    private final Standardization scaling;
    private double[] z;

    DoubleMath(int dims, int classes, Standardization scaling) {
        this.dims = dims;
        this.classes = classes;
        this.scaling = scaling;
    }

    @Override
    public void load(float[] x, int n) {
        z = features(x, n);
    }

    @Override
    public int gradient(int[] order, int from, int rows, int[] labels, double[] w, double[] b, double[] gw, double[] gb) {
        java.util.Arrays.fill(gw, 0);
        if (gb != null) {
            java.util.Arrays.fill(gb, 0);
        }
        for (int k = from; k < from + rows; k++) {
            int i = order[k];
            double[] p = probabilities(z, i * dims, w, b);
            for (int c = 0; c < classes; c++) {
                double g = p[c] - (c == labels[i] ? 1 : 0);
                if (gb != null) {
                    gb[c] += g;
                }
                for (int d = 0; d < dims; d++) {
                    gw[c * dims + d] += g * z[i * dims + d];
                }
            }
        }
        return rows;
    }

    @Override
    public int[] predict(float[] raw, int rows, double[] w, double[] b) {
        double[] rowsOf = features(raw, rows);
        int[] best = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] p = probabilities(rowsOf, i * dims, w, b);
            for (int c = 1; c < classes; c++) {
                if (p[c] > p[best[i]]) {
                    best[i] = c;
                }
            }
        }
        return best;
    }

    private double[] features(float[] x, int rows) {
        double[] out = new double[rows * dims];
        for (int i = 0; i < out.length; i++) {
            out[i] = scaling == null ? x[i] : scaling.apply(x[i], i % dims);
        }
        return out;
    }

    /** softmax(W·z + b) of the row at off. */
    private double[] probabilities(double[] rows, int off, double[] w, double[] b) {
        double[] p = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = b == null ? 0 : b[c];
            for (int d = 0; d < dims; d++) {
                s += w[c * dims + d] * rows[off + d];
            }
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
