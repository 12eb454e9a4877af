package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static jdk.incubator.vector.VectorOperators.LT;

/**
 * The two GELUs of BERT-family configs, in place. "gelu" (HF GELUActivation, torch's default) is
 * 0.5·x·(1+erf(x/√2)); "gelu_new" (Google's BERT) is the tanh approximation. Both go to -0 as
 * x -> -inf (the limit; torch's formula gives NaN there).
 */
public final class Gelu {
    private Gelu() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int L = S.length();

    /** Below this, gelu(x) is under 1e-42 in magnitude: the result is -0 (and -inf needs no 0·inf). */
    private static final float NEGLIGIBLE = -14f;

    /**
     * Elements per block. Each step of the formula is a loop over the block's slot of a per-thread
     * scratch array (all slots fit in L1), with no vector crossing a method call: C2 boxes a
     * vector passed to a helper it does not inline, and the one-function-per-vector form it
     * declined to inline ran at 17 ns per element.
     */
    private static final int BLOCK = 128;
    /** Slots of the scratch array, BLOCK floats each. */
    private static final int X = 0, A = 1, E1 = 2, SLOTS = 3;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[SLOTS * BLOCK]);

    /** 0.5·x·(1+erf(x/√2)), HF "gelu". */
    public static void erf(float[] x, int off, int len) {
        float[] w = SCRATCH.get();
        for (int b = 0; b < len; b += BLOCK) {
            int n = Math.min(BLOCK, len - b), m = padded(n);
            load(x, off + b, n, w);
            erfcExponents(w, m);
            VectorExp.exp(w, E1 * BLOCK, m);
            erfResult(w, m);
            System.arraycopy(w, X * BLOCK, x, off + b, n);
        }
    }

    /** 0.5·x·(1+tanh(√(2/π)(x+0.044715x³))), HF "gelu_new". */
    public static void tanh(float[] x, int off, int len) {
        float[] w = SCRATCH.get();
        for (int b = 0; b < len; b += BLOCK) {
            int n = Math.min(BLOCK, len - b), m = padded(n);
            load(x, off + b, n, w);
            tanhExponents(w, m);
            VectorExp.exp(w, E1 * BLOCK, m);
            tanhResult(w, m);
            System.arraycopy(w, X * BLOCK, x, off + b, n);
        }
    }

    private static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /** Slot X = the n values, zeros up to the next whole vector. */
    private static void load(float[] x, int off, int n, float[] w) {
        System.arraycopy(x, off, w, X * BLOCK, n);
        Arrays.fill(w, X * BLOCK + n, X * BLOCK + padded(n), 0f);
    }

    // 0.5·(1+tanh(u)) = 1/(1+e^(-2u)): the same function without the cancellation at u << 0
    private static void tanhExponents(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector x = FloatVector.fromArray(S, w, X * BLOCK + i);
            FloatVector u2 = x.mul(x).fma(2 * 0.044715f * SQRT_2_PI, 2 * SQRT_2_PI).mul(x);
            u2.neg().intoArray(w, E1 * BLOCK + i);
        }
    }

    private static void tanhResult(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector x = FloatVector.fromArray(S, w, X * BLOCK + i);
            FloatVector y = x.div(FloatVector.fromArray(S, w, E1 * BLOCK + i).add(1f));
            y.blend(-0f, x.compare(LT, NEGLIGIBLE)).intoArray(w, X * BLOCK + i);
        }
    }

    private static final float SQRT_2_PI = (float) Math.sqrt(2 / Math.PI);

    /*
     * 1 + erf(x/√2) = erfc(a) for x < 0 and 2 - erfc(a) for x ≥ 0, a = |x|/√2: erfc is never near 1
     * where it is subtracted, so negative x keep their digits. erfc(a) = t·e^(-a² + P(t)),
     * t = 1/(1 + a/2), P a degree-9 Chebyshev fit with relative error under 1.2e-7 for every a ≥ 0
     * (Numerical Recipes in C, 2nd ed., §6.2, erfcc): one division and one exp per element, where
     * fdlibm's erff, used before, takes four rationals (five divisions) and two exps for every lane.
     */

    /** Slot A = t, slot E1 = the exponent -a² + P(t), a = min(|x|/√2, 10) (erfc(10) < 1e-44: beyond it nothing changes). */
    private static void erfcExponents(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector a = FloatVector.fromArray(S, w, X * BLOCK + i).abs().mul(SQRT1_2).min(10f);
            FloatVector t = FloatVector.broadcast(S, 1f).div(a.fma(0.5f, 1f));
            FloatVector p = t.fma(C[9], C[8]);
            for (int k = 7; k >= 0; k--) {
                p = p.fma(t, FloatVector.broadcast(S, C[k]));
            }
            t.intoArray(w, A * BLOCK + i);
            a.mul(a).neg().add(p).intoArray(w, E1 * BLOCK + i);
        }
    }

    /** gelu = 0.5·x·(x < 0 ? erfc(a) : 2 - erfc(a)), erfc(a) = t·e^E1. */
    private static void erfResult(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector x = FloatVector.fromArray(S, w, X * BLOCK + i);
            FloatVector erfc = FloatVector.fromArray(S, w, A * BLOCK + i).mul(FloatVector.fromArray(S, w, E1 * BLOCK + i));
            FloatVector y = x.mul(0.5f).mul(erfc.neg().add(2f).blend(erfc, x.compare(LT, 0f)));
            y.blend(-0f, x.compare(LT, NEGLIGIBLE)).intoArray(w, X * BLOCK + i);
        }
    }

    private static final float SQRT1_2 = (float) (1 / Math.sqrt(2));
    /** P(t) = C[0] + C[1]·t + ... + C[9]·t⁹ (Numerical Recipes' erfcc). */
    private static final float[] C = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
            0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};
}
