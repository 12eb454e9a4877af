package dev.tails.probe;

/**
 * Adam (Kingma and Ba 2015) with bias correction, the position probes' optimiser: the paper
 * trains them with Adam and does not give its settings, so these are PyTorch's defaults.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[] m;
    private final float[] v;
    private int steps;

    Adam(int parameters, double learningRate) {
        this.learningRate = learningRate;
        this.m = new float[parameters];
        this.v = new float[parameters];
    }

    /** w -= lr · m̂ / (sqrt(v̂) + eps) after folding the gradient into the moments. */
    void step(float[] w, float[] gradient) {
        steps++;
        double correct1 = 1 - Math.pow(BETA1, steps);
        double correct2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < w.length; i++) {
            double g = gradient[i];
            m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
            v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
            w[i] = (float) (w[i] - learningRate * (m[i] / correct1) / (Math.sqrt(v[i] / correct2) + EPSILON));
        }
    }
}
