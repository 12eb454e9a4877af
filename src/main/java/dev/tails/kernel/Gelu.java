package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

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

    /** Below this, gelu(x) is under 1e-42 in magnitude: the result is -0 (and -inf needs no 0·inf). */
    private static final float NEGLIGIBLE = -14f;

    /** 0.5·x·(1+erf(x/√2)), HF "gelu". */
    public static void erf(float[] x, int off, int len) {
        int i = 0;
        for (; i < S.loopBound(len); i += S.length()) {
            geluErf(FloatVector.fromArray(S, x, off + i)).intoArray(x, off + i);
        }
        if (i < len) { // masked only here: masked loads in the loop are slow on AVX2
            VectorMask<Float> in = S.indexInRange(i, len);
            geluErf(FloatVector.fromArray(S, x, off + i, in)).intoArray(x, off + i, in);
        }
    }

    /** 0.5·x·(1+tanh(√(2/π)(x+0.044715x³))), HF "gelu_new". */
    public static void tanh(float[] x, int off, int len) {
        int i = 0;
        for (; i < S.loopBound(len); i += S.length()) {
            geluTanh(FloatVector.fromArray(S, x, off + i)).intoArray(x, off + i);
        }
        if (i < len) { // masked only here: masked loads in the loop are slow on AVX2
            VectorMask<Float> in = S.indexInRange(i, len);
            geluTanh(FloatVector.fromArray(S, x, off + i, in)).intoArray(x, off + i, in);
        }
    }

    private static FloatVector geluTanh(FloatVector x) {
        // 0.5·(1+tanh(u)) = 1/(1+e^(-2u)): the same function without the cancellation at u << 0
        FloatVector u2 = x.mul(x).fma(2 * 0.044715f * SQRT_2_PI, 2 * SQRT_2_PI).mul(x);
        FloatVector y = x.div(VectorExp.exp(u2.neg()).add(1f));
        return y.blend(-0f, x.compare(LT, NEGLIGIBLE));
    }

    private static final float SQRT_2_PI = (float) Math.sqrt(2 / Math.PI);

    /**
     * 1 + erf(±a), a = |x|/√2, from erf where erf is small and from erfc where erf is near ±1, so
     * negative x keep their digits. The pieces and coefficients are fdlibm's erff (s_erff.c):
     * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun
     * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
     * freely granted, provided that this notice is preserved.
     */
    private static FloatVector geluErf(FloatVector x) {
        FloatVector a = x.abs().mul(SQRT1_2).min(10f); // erfc(10) < 1e-44: beyond it nothing changes
        FloatVector erfSmall = a.fma(ratio(a.mul(a), PP, QQ), a);          // erf(a),      a < 0.84375
        FloatVector mid = ratio(a.sub(1f), PA, QA);                         // erf(a) - ERX, a < 1.25
        FloatVector erfcTail = erfcTail(a);                                 // erfc(a),     a >= 1.25

        VectorMask<Float> isMid = a.compare(GE, 0.84375f), isTail = a.compare(GE, 1.25f);
        FloatVector pos = erfSmall.add(1f).blend(mid.add(1 + ERX), isMid).blend(erfcTail.neg().add(2f), isTail);
        FloatVector neg = erfSmall.neg().add(1f).blend(mid.neg().add(1 - ERX), isMid).blend(erfcTail, isTail);
        FloatVector y = x.mul(0.5f).mul(pos.blend(neg, x.compare(LT, 0f)));
        return y.blend(-0f, x.compare(LT, NEGLIGIBLE));
    }

    /** erfc(a) = e^(-a²-0.5625+R/S(1/a²))/a, with a² split so that e^(-a²) keeps its precision. */
    private static FloatVector erfcTail(FloatVector a) {
        FloatVector s = FloatVector.broadcast(S, 1f).div(a.mul(a));
        VectorMask<Float> far = a.compare(GE, 1 / 0.35f);
        FloatVector rs = ratio(s, RA, SA).blend(ratio(s, RB, SB), far);
        FloatVector z = a.reinterpretAsInts().and(0xfffff000).reinterpretAsFloats(); // a with 12 low bits cut
        FloatVector e1 = VectorExp.exp(z.mul(z).neg().sub(0.5625f));
        FloatVector e2 = VectorExp.exp(z.sub(a).mul(z.add(a)).add(rs));
        return e1.mul(e2).div(a);
    }

    /** p(s) / (1 + s·q(s)): fdlibm's rational forms; coefficients lowest degree first. */
    private static FloatVector ratio(FloatVector s, float[] p, float[] q) {
        return horner(s, p).div(horner(s, q).fma(s, FloatVector.broadcast(S, 1f)));
    }

    private static FloatVector horner(FloatVector s, float[] c) {
        FloatVector r = FloatVector.broadcast(S, c[c.length - 1]);
        for (int i = c.length - 2; i >= 0; i--) {
            r = r.fma(s, FloatVector.broadcast(S, c[i]));
        }
        return r;
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
