package dev.tails.probe;

/** The arithmetic of one {@link Precision}: a batch's gradient while training, and logits when predicting. */
sealed interface BatchMath permits FloatMath, DoubleMath {

    /** Keeps the n training rows x [n, dims] (standardized when asked) in this precision. */
    void load(float[] x, int n);

    /**
     * The gradient of the mean cross-entropy over rows order[from, from + rows) of the loaded features,
     * at weights w [classes, dims] and bias b (null: none), as per-row sums in gw and gb; returns the
     * count to divide them by.
     */
    int gradient(int[] order, int from, int rows, int[] labels, double[] w, double[] b, double[] gw, double[] gb);

    /** The predicted class of each of the rows of raw features x [rows, dims]. */
    int[] predict(float[] x, int rows, double[] w, double[] b);

}
