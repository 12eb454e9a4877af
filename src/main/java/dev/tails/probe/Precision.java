package dev.tails.probe;

/**
 * The arithmetic of a {@link SoftmaxRegression}. FLOAT keeps features, weights and optimizer moments in
 * float and runs the two matrix products of a step on the encoder's GEMM (the position probes: 300
 * classes x 768 dims x tens of thousands of tokens); DOUBLE runs plain double loops (few classes).
 */
public enum Precision {
    FLOAT {
        @Override
        double round(double value) {
            return (float) value;
        }

        @Override
        BatchMath math(int dims, int classes, Standardization scaling) {
            return new FloatMath(dims, classes, scaling, ProbeProducts.VECTOR);
        }
    },
    DOUBLE {
        @Override
        double round(double value) {
            return value;
        }

        @Override
        BatchMath math(int dims, int classes, Standardization scaling) {
            return new DoubleMath(dims, classes, scaling);
        }
    };

    /** A value as this precision stores it. */
    abstract double round(double value);

    abstract BatchMath math(int dims, int classes, Standardization scaling);
}
