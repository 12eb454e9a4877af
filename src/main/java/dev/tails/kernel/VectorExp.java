package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

/**
 * e^x lane by lane from +, ×, and bit operations only. {@code lanewise(EXP)} is computed by a
 * Java fallback when interpreted and by a native stub once C2 compiles it, and the two differ in
 * the last bit: a forward pass then changed its output during warm-up. IEEE basic operations
 * round the same in every mode, so this one gives the same bits always (within 2 ulp of e^x).
 *
 * <p>Cephes' expf: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial, then 2^n put
 * into the exponent bits.
 */
final class VectorExp {
    private VectorExp() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding and subtracting it rounds a float to the nearest integer. */
    private static final float ROUND = 12582912f;
    /** Below, e^x is under the smallest normal float; above, n would reach the exponent of infinity. */
    private static final float LOW = -87.33654f;
    private static final float HIGH = 88.37626f;
    // e^r ≈ 1 + r + r²·(P0 + r·(P1 + ... + r·P5)), written out: a loop over an array of them ran 25% slower
    private static final float P0 = 5.0000001201e-1f, P1 = 1.6666665459e-1f, P2 = 4.1665795894e-2f,
            P3 = 8.3334519073e-3f, P4 = 1.3981999507e-3f, P5 = 1.9875691500e-4f;

    /**
     * x[off, off+len) = e^x in place, len a multiple of the species length. An array in and out,
     * not a vector: a helper taking or returning a vector boxes it whenever C2 does not inline it
     * (too big, or already compiled on its own), which made GELU 8x slower; a loop over an array
     * is fast whether it is inlined or not.
     */
    static void exp(float[] x, int off, int len) {
        for (int i = off; i < off + len; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector c = v.max(LOW).min(HIGH);
            FloatVector n = c.mul(LOG2E).add(ROUND).sub(ROUND);
            FloatVector r = c.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
            FloatVector poly = r.mul(P5).add(P4).mul(r).add(P3).mul(r).add(P2).mul(r).add(P1).mul(r).add(P0);
            FloatVector er = poly.mul(r.mul(r)).add(r).add(1f);
            IntVector bits = ((IntVector) n.convert(F2I, 0)).add(127).lanewise(LSHL, 23);
            FloatVector y = er.mul(bits.reinterpretAsFloats());
            VectorMask<Float> under = v.compare(LT, LOW);
            VectorMask<Float> over = v.compare(GT, HIGH);
            y.blend(0f, under).blend(Float.POSITIVE_INFINITY, over).intoArray(x, i);
        }
    }
}
