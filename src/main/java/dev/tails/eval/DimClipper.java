package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.analysis.InterventionHooks;
import dev.tails.model.ForwardHooks;
import dev.tails.model.ModelConfig;

/** Zeroes a fixed set of hidden dims: in finished vectors, or in the graph as a forward hook. */
public final class DimClipper {
    private final int[] dims;
    private final ModelConfig config;

    public DimClipper(int[] dims, ModelConfig config) {
        for (int d : dims) {
            if (d < 0 || d >= config.hiddenSize()) {
                throw new TailsException("clip dim " + d + " is outside the hidden size " + config.hiddenSize());
            }
        }
        this.dims = dims.clone();
        this.config = config;
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
        return InterventionHooks.zeroDimsInFlow(config, dims);
    }
}
