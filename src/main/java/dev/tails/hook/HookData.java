package dev.tails.hook;

import dev.tails.model.Batch;
import dev.tails.model.HookPoint;

import java.util.Arrays;

/**
 * What a hook sees: the live activation of the whole padded batch (change it in place to intervene),
 * where it is in the graph, and how it is laid out.
 */
public record HookData(String name, HookPoint point, int layer, float[] data, Batch batch, HookShape shape) {

    /** Floats per token row; only for the row layouts (all but ATTENTION). */
    public int rowWidth() {
        return shape.rowWidth(point.layout());
    }

    /** One sequence without its padding, in the DESIGN.md §4 shape {@link #sequenceShape}; a copy. */
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

    public int[] sequenceShape(int b) {
        return shape.perSequence(point.layout(), batch.length(b));
    }
}
