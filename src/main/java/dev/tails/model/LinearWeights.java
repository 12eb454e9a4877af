package dev.tails.model;

import dev.tails.kernel.PackedLinear;
import dev.tails.kernel.RowOp;

/**
 * A dense layer as torch.nn.Linear: weight [out, in], bias [out]. The weight is packed at load for
 * the GEMM and the checkpoint layout is not kept (bert-base would need another 340 MB):
 * {@link #weight()} rebuilds it for the analyses that read rows of it.
 */
public record LinearWeights(PackedLinear packed) {

    public LinearWeights(float[] weight, float[] bias, int out, int in) {
        this(new PackedLinear(weight, bias, out, in));
    }

    /** A fresh copy of the weight [out, in]. */
    public float[] weight() {
        return packed.weight();
    }

    public float[] bias() {
        return packed.bias();
    }

    public int out() {
        return packed.out();
    }

    public int in() {
        return packed.in();
    }

    /** y[rows, out] = x[rows, in] · Wᵀ + b. */
    public void apply(float[] x, int rows, float[] y) {
        packed.forward(x, rows, y);
    }

    /** The same, then `then` on each row of y, block by block while it is in cache. */
    public void apply(float[] x, int rows, float[] y, RowOp then) {
        packed.forward(x, rows, y, then);
    }
}
