package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static jdk.incubator.vector.VectorOperators.GE;
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
    private static final int X = 0, A = 1, SQ = 2, AM1 = 3, INV = 4, SMALL = 5, MID = 6, RSA = 7, RSB = 8,
            E1 = 9, E2 = 10, SLOTS = 11;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[SLOTS * BLOCK]);

    /** 0.5·x·(1+erf(x/√2)), HF "gelu". */
    public static void erf(float[] x, int off, int len) {
        float[] w = SCRATCH.get();
        for (int b = 0; b < len; b += BLOCK) {
            int n = Math.min(BLOCK, len - b), m = padded(n);
            load(x, off + b, n, w);
            erfArguments(w, m);
            ratio(w, SQ, PP, QQ, SMALL, m);
            ratio(w, AM1, PA, QA, MID, m);
            ratio(w, INV, RA, SA, RSA, m);
            ratio(w, INV, RB, SB, RSB, m);
            erfcExponents(w, m);
            VectorExp.exp(w, E1 * BLOCK, m);
            VectorExp.exp(w, E2 * BLOCK, m);
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
     * 1 + erf(±a), a = |x|/√2, from erf where erf is small and from erfc where erf is near ±1, so
     * negative x keep their digits. The pieces and coefficients are fdlibm's erff (s_erff.c):
     * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun
     * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
     * freely granted, provided that this notice is preserved.
     * Every piece is computed for every lane and the right one blended in at the end.
     */

    /** a = min(|x|/√2, 10) (erfc(10) < 1e-44: beyond it nothing changes), a², a - 1 and 1/a². */
    private static void erfArguments(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector a = FloatVector.fromArray(S, w, X * BLOCK + i).abs().mul(SQRT1_2).min(10f);
            FloatVector sq = a.mul(a);
            a.intoArray(w, A * BLOCK + i);
            sq.intoArray(w, SQ * BLOCK + i);
            a.sub(1f).intoArray(w, AM1 * BLOCK + i);
            FloatVector.broadcast(S, 1f).div(sq).intoArray(w, INV * BLOCK + i);
        }
    }

    /** erfc(a) = e^(-a²-0.5625+R/S(1/a²))/a: the two exponents, with a² split so that e^(-a²) keeps its precision. */
    private static void erfcExponents(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector a = FloatVector.fromArray(S, w, A * BLOCK + i);
            VectorMask<Float> far = a.compare(GE, 1 / 0.35f);
            FloatVector rs = FloatVector.fromArray(S, w, RSA * BLOCK + i).blend(FloatVector.fromArray(S, w, RSB * BLOCK + i), far);
            FloatVector z = a.reinterpretAsInts().and(0xfffff000).reinterpretAsFloats(); // a with 12 low bits cut
            z.mul(z).neg().sub(0.5625f).intoArray(w, E1 * BLOCK + i);
            z.sub(a).mul(z.add(a)).add(rs).intoArray(w, E2 * BLOCK + i);
        }
    }

    /** erf(a) = a + a·PP/QQ(a²) for a < 0.84375, ERX + PA/QA(a-1) below 1.25, 1 - erfc(a) beyond. */
    private static void erfResult(float[] w, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector x = FloatVector.fromArray(S, w, X * BLOCK + i);
            FloatVector a = FloatVector.fromArray(S, w, A * BLOCK + i);
            FloatVector erfSmall = a.fma(FloatVector.fromArray(S, w, SMALL * BLOCK + i), a);
            FloatVector mid = FloatVector.fromArray(S, w, MID * BLOCK + i);
            FloatVector erfcTail = FloatVector.fromArray(S, w, E1 * BLOCK + i)
                    .mul(FloatVector.fromArray(S, w, E2 * BLOCK + i)).div(a);
            VectorMask<Float> isMid = a.compare(GE, 0.84375f), isTail = a.compare(GE, 1.25f);
            FloatVector pos = erfSmall.add(1f).blend(mid.add(1 + ERX), isMid).blend(erfcTail.neg().add(2f), isTail);
            FloatVector neg = erfSmall.neg().add(1f).blend(mid.neg().add(1 - ERX), isMid).blend(erfcTail, isTail);
            FloatVector y = x.mul(0.5f).mul(pos.blend(neg, x.compare(LT, 0f)));
            y.blend(-0f, x.compare(LT, NEGLIGIBLE)).intoArray(w, X * BLOCK + i);
        }
    }

    /** Slot out = p(s) / (1 + s·q(s)) for s in slot in: fdlibm's rational forms, coefficients lowest degree first. */
    private static void ratio(float[] w, int in, float[] p, float[] q, int out, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector s = FloatVector.fromArray(S, w, in * BLOCK + i);
            FloatVector num = FloatVector.broadcast(S, p[p.length - 1]);
            for (int k = p.length - 2; k >= 0; k--) {
                num = num.fma(s, FloatVector.broadcast(S, p[k]));
            }
            FloatVector den = FloatVector.broadcast(S, q[q.length - 1]);
            for (int k = q.length - 2; k >= 0; k--) {
                den = den.fma(s, FloatVector.broadcast(S, q[k]));
            }
            num.div(den.fma(s, FloatVector.broadcast(S, 1f))).intoArray(w, out * BLOCK + i);
        }
    }

    private static final float SQRT1_2 = (float) (1 / Math.sqrt(2));
    private static final float ERX = 8.4506291151e-01f;
    // erf(a) = a + a·PP/QQ(a²) on [0, 0.84375]
    private static final float[] PP = {1.2837916613e-01f, -3.2504209876e-01f, -2.8481749818e-02f,
            -5.7702702470e-03f, -2.3763017452e-05f};
    private static final float[] QQ = {3.9791721106e-01f, 6.5022252500e-02f, 5.0813062117e-03f,
            1.3249473704e-04f, -3.9602282413e-06f};
    // erf(a) = ERX + PA/QA(a-1) on [0.84375, 1.25]
    private static final float[] PA = {-2.3621185683e-03f, 4.1485610604e-01f, -3.7220788002e-01f,
            3.1834661961e-01f, -1.1089469492e-01f, 3.5478305072e-02f, -2.1663755178e-03f};
    private static final float[] QA = {1.0642088205e-01f, 5.4039794207e-01f, 7.1828655899e-02f,
            1.2617121637e-01f, 1.3637083583e-02f, 1.1984500103e-02f};
    // erfc tail correction R/S(1/a²) on [1.25, 1/0.35]
    private static final float[] RA = {-9.8649440333e-03f, -6.9385856390e-01f, -1.0558626175e+01f,
            -6.2375331879e+01f, -1.6239666748e+02f, -1.8460508728e+02f, -8.1287437439e+01f, -9.8143291473e+00f};
    private static final float[] SA = {1.9651271820e+01f, 1.3765776062e+02f, 4.3456588745e+02f,
            6.4538726807e+02f, 4.2900814819e+02f, 1.0863500214e+02f, 6.5702495575e+00f, -6.0424413532e-02f};
    // ... and on [1/0.35, 28]
    private static final float[] RB = {-9.8649431020e-03f, -7.9928326607e-01f, -1.7757955551e+01f,
            -1.6063638306e+02f, -6.3756646729e+02f, -1.0250950928e+03f, -4.8351919556e+02f};
    private static final float[] SB = {3.0338060379e+01f, 3.2579251099e+02f, 1.5367296143e+03f,
            3.1998581543e+03f, 2.5530502930e+03f, 4.7452853394e+02f, -2.2440952301e+01f};
}
