package dev.tails.probe;

import dev.tails.kernel.Gemm;
import dev.tails.kernel.PanelScratch;
import dev.tails.kernel.Panels;
import dev.tails.kernel.ScalarKernels;

import java.util.function.Supplier;

/**
 * The two matrix products of a position probe's step: logits X·Wᵀ and the weight gradient Gᵀ·X.
 * VECTOR runs them on the encoder's GEMM (W or the batch packed per step: C·H or B·H copies next
 * to B·C·H FMAs); SCALAR is the plain twin the tests hold it to.
 */
enum ProbeProducts {
    VECTOR {
        @Override
        void logits(float[] x, int rows, int hidden, float[] w, int classes, float[] out) {
            Gemm.multiply(rows, x, 0, hidden, Panels.ofRows(w, 0, hidden, classes, hidden, SCRATCH.get()), 0, hidden, null, out, 0, classes);
        }

        @Override
        void weightGradient(float[] gt, int classes, int rows, float[] x, int hidden, float[] out) {
            Gemm.multiply(classes, gt, 0, rows, Panels.ofColumns(x, 0, hidden, rows, hidden, SCRATCH.get()), 0, rows, null, out, 0, hidden);
        }
    },
    SCALAR {
        @Override
        void logits(float[] x, int rows, int hidden, float[] w, int classes, float[] out) {
            ScalarKernels.abt(rows, classes, hidden, x, 0, hidden, w, 0, hidden, out, 0, classes);
        }

        @Override
        void weightGradient(float[] gt, int classes, int rows, float[] x, int hidden, float[] out) {
            ScalarKernels.ab(classes, hidden, rows, gt, 0, rows, x, 0, hidden, out, 0, hidden);
        }
    };

    /** The panels packed per step, in memory each thread reuses. */
    private static final Supplier<PanelScratch> SCRATCH = PanelScratch.perThread();

    /** out[rows, classes] = X[rows, hidden] · W[classes, hidden]ᵀ. */
    abstract void logits(float[] x, int rows, int hidden, float[] w, int classes, float[] out);

    /** out[classes, hidden] = Gᵀ[classes, rows] · X[rows, hidden]. */
    abstract void weightGradient(float[] gt, int classes, int rows, float[] x, int hidden, float[] out);
}
