package dev.tails.kernel;

/** An in-place operation on y[off, off+len), run by a GEMM on each block of C while it is still in cache. */
@FunctionalInterface
public interface RowOp {
    RowOp NONE = (y, off, len) -> {
    };

    void apply(float[] y, int off, int len);

    /** y += other at the same places: a residual added as the GEMM finishes each block, in parallel. */
    static RowOp plus(float[] other) {
        return (y, off, len) -> VectorOps.add(y, off, other, off, y, off, len);
    }
}
