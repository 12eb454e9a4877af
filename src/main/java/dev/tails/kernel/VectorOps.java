package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Element-wise helpers the encoder needs between the big kernels: residual adds, biases, scaling, dots. */
public final class VectorOps {
    private VectorOps() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();

    /** out = a + b over len elements; out may be a or b. */
    public static void add(float[] a, float[] b, float[] out, int len) {
        add(a, 0, b, 0, out, 0, len);
    }

    /** out[outOff..] = a[aOff..] + b[bOff..] over len elements; in place allowed. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int len) {
        int i = 0;
        for (; i < S.loopBound(len); i += S.length()) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < len; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** Adds bias[n] to each of the rows of x[rows,n]. */
    public static void addBias(float[] x, int rows, int n, float[] bias) {
        for (int r = 0; r < rows; r++) {
            add(x, r * n, bias, 0, x, r * n, n);
        }
    }

    /** x[off..off+len) *= s. */
    public static void scale(float[] x, int off, int len, float s) {
        int i = 0;
        for (; i < S.loopBound(len); i += S.length()) {
            FloatVector.fromArray(S, x, off + i).mul(s).intoArray(x, off + i);
        }
        for (; i < len; i++) {
            x[off + i] *= s;
        }
    }

    /** Σ a[aOff+i]·b[bOff+i] for i < len. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < S.loopBound(len); i += S.length()) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        float sum = Lanes.sum(acc);
        for (; i < len; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }
}
