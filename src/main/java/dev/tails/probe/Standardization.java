package dev.tails.probe;

/** Features centered and scaled by the training rows' mean and deviation, so one huge dim does not set the step size. */
record Standardization(double[] mean, double[] scale) {

    /** Mean and 1 / deviation of each dim over x [n, dims]; a constant dim (a clipped one) gets scale 0. */
    static Standardization of(float[] x, int n, int dims) {
        double[] mean = new double[dims];
        double[] scale = new double[dims];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                mean[d] += x[i * dims + d] / (double) n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                double centered = x[i * dims + d] - mean[d];
                scale[d] += centered * centered / n;
            }
        }
        for (int d = 0; d < dims; d++) {
            scale[d] = scale[d] > 0 ? 1 / Math.sqrt(scale[d]) : 0;
        }
        return new Standardization(mean, scale);
    }

    double apply(float value, int dim) {
        return (value - mean[dim]) * scale[dim];
    }
}
