package dev.tails.model;

import dev.tails.kernel.PackedLinear;
import dev.tails.kernel.RowOp;

/**
 * A dense layer as torch.nn.Linear: weight [out, in], bias [out]. The weight is packed at load for
 * the GEMM and the checkpoint layout is not kept (bert-base would need another 340 MB):
 * {@link #weight()} rebuilds it for the analyses that read rows of it.
 *
 * @param packed the weight in the GEMM's panels, with the bias
 */
public record LinearWeights(PackedLinear packed) {

    /**
     * Packs a weight in the checkpoint's layout.
     *
     * @param weight the weight, [out, in] row-major
     * @param bias the bias, [out]
     * @param out the output width
     * @param in the input width
     */
    public LinearWeights(float[] weight, float[] bias, int out, int in) {
        this(new PackedLinear(weight, bias, out, in));
    }

    /**
     * Rebuilds the weight in the checkpoint's layout.
     *
     * @return a fresh copy of the weight, [out, in] row-major
     */
    public float[] weight() {
        return packed.weight();
    }

    /**
     * The bias.
     *
     * @return the bias, [out]
     */
    public float[] bias() {
        return packed.bias();
    }

    /**
     * The output width.
     *
     * @return out
     */
    public int out() {
        return packed.out();
    }

    /**
     * The input width.
     *
     * @return in
     */
    public int in() {
        return packed.in();
    }

    /**
     * y[rows, out] = x[rows, in] · Wᵀ + b.
     *
     * @param x the input rows, [rows, in]
     * @param rows the number of rows
     * @param y the output, [rows, out]
     */
    public void apply(float[] x, int rows, float[] y) {
        packed.forward(x, rows, y);
    }

    /**
     * y[rows, out] = x[rows, in] · Wᵀ + b, then {@code then} on each row of y, block by block while it is
     * in cache (the activation fused into the GEMM).
     *
     * @param x the input rows, [rows, in]
     * @param rows the number of rows
     * @param y the output, [rows, out]
     * @param then applied to each finished row of y
     */
    public void apply(float[] x, int rows, float[] y, RowOp then) {
        packed.forward(x, rows, y, then);
    }
}
