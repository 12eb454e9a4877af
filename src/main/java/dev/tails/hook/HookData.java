package dev.tails.hook;

import dev.tails.model.Batch;
import dev.tails.model.HookPoint;

import java.util.Arrays;

/**
 * What a hook sees: the live activation of the whole padded batch (change it in place to intervene),
 * where it is in the graph, and how it is laid out.
 *
 * @param name the full hook name, e.g. {@code blocks.3.mlp.hook_post}
 * @param point the point
 * @param layer its layer (0 for the points outside the blocks)
 * @param data the live activation of the batch, laid out as {@code point.layout()}
 * @param batch the batch
 * @param shape the model's sizes, to read the layout
 */
public record HookData(String name, HookPoint point, int layer, float[] data, Batch batch, HookShape shape) {

    /** {@return floats per token row; only for the row layouts (all but ATTENTION)} */
    public int rowWidth() {
        return shape.rowWidth(point.layout());
    }

    /**
     * One sequence without its padding.
     *
     * @param b the sequence's index in the batch
     * @return a copy, in the hook table's shape {@link #sequenceShape}
     */
    public float[] sequence(int b) {
        int t = batch.seqLen();
        int len = batch.length(b);
        if (point.layout() != HookPoint.Layout.ATTENTION) {
            int w = rowWidth();
            return Arrays.copyOfRange(data, b * t * w, (b * t + len) * w);
        }
        float[] out = new float[shape.heads() * len * len];
        for (int h = 0; h < shape.heads(); h++) {
            for (int q = 0; q < len; q++) {
                System.arraycopy(data, ((b * shape.heads() + h) * t + q) * t, out, (h * len + q) * len, len);
            }
        }
        return out;
    }

    /**
     * {@return the shape of one sequence without padding, e.g. [T, H] or [heads, T, T]}
     *
     * @param b the sequence's index in the batch
     */
    public int[] sequenceShape(int b) {
        return shape.perSequence(point.layout(), batch.length(b));
    }
}
