package dev.tails.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.MAX;

/**
 * Softmax along rows, in place, max-subtracted so exp never overflows. Masked entries may be
 * -inf and come out as 0; a row that is entirely -inf comes out NaN, as in torch.
 */
public final class Softmax {
    private Softmax() {
    }

    private static final VectorSpecies<Float> S = Lanes.species();
    private static final int ROWS_PER_TASK = 16;

    /** Each of the rows holds n values at off + r·ld. */
    public static void rows(float[] x, int off, int rows, int n, int ld) {
        Parallel.forRange((rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK, t -> {
            for (int r = t * ROWS_PER_TASK; r < Math.min(rows, (t + 1) * ROWS_PER_TASK); r++) {
                row(x, off + r * ld, n);
            }
        });
    }

    private static void row(float[] x, int off, int n) {
        int bound = S.loopBound(n);
        FloatVector top = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < bound; i += S.length()) {
            top = top.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = top.reduceLanes(MAX);
        for (int i = bound; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }

        for (int i = 0; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, off + i).sub(max).intoArray(x, off + i);
        }
        VectorExp.exp(x, off, bound);
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float sum = Lanes.sum(acc);
        for (int i = bound; i < n; i++) {
            x[off + i] = (float) Math.exp(x[off + i] - max);
            sum += x[off + i];
        }

        VectorOps.scale(x, off, n, 1 / sum);
    }
}
