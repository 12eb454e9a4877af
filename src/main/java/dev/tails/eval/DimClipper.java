package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.hook.ForwardHooks;
import dev.tails.hook.HookPoint;
import dev.tails.model.Batch;


/** Zeroes a fixed set of hidden dims: in finished vectors, or in the graph as a forward hook. */
public final class DimClipper {
    private final int[] dims;

    public DimClipper(int[] dims, int hiddenSize) {
        for (int d : dims) {
            if (d < 0 || d >= hiddenSize) {
                throw new TailsException("clip dim " + d + " is outside the hidden size " + hiddenSize);
            }
        }
        this.dims = dims.clone();
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Zeroes the dims in every row of a [rows, hidden] array, in place. */
    public void clipRows(float[] rows, int hiddenSize) {
        for (int from = 0; from < rows.length; from += hiddenSize) {
            for (int d : dims) {
                rows[from + d] = 0f;
            }
        }
    }

    /** Hooks that zero the dims of every block's output (blocks.L.hook_normalized_resid_post) as it flows on. */
    public ForwardHooks inGraph() {
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point == HookPoint.NORMALIZED_RESID_POST;
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                clipRows(activation, activation.length / batch.rows());
            }
        };
    }
}
