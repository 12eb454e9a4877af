package dev.tails.corpus;

import dev.tails.TailsException;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.hook.Interventions;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

import java.util.Arrays;

/**
 * Hidden dims read as zero: the paper's clipping of the outlier dims, in finished vectors
 * ({@link #value}, {@link #cosine}) or in the graph ({@link #inGraph}).
 *
 * @param dims the clipped dims, in the order given
 * @param clipped per hidden dim, whether it is clipped: its length is the hidden size
 */
public record Clip(int[] dims, boolean[] clipped) {
    /**
     * The clip that zeroes nothing: the raw model, the baseline every clip is compared with.
     *
     * @param hidden the hidden size
     * @return a clip of no dims
     */
    public static Clip none(int hidden) {
        return new Clip(new int[0], new boolean[hidden]);
    }

    /**
     * A clip of the given dims.
     *
     * @param hidden the hidden size
     * @param dims the dims to read as zero
     * @return the clip
     * @throws TailsException if a dim is outside [0, hidden)
     */
    public static Clip of(int hidden, int... dims) {
        boolean[] clipped = new boolean[hidden];
        for (int d : dims) {
            if (d < 0 || d >= hidden) {
                throw new TailsException("clip dim " + d + " is outside the hidden size " + hidden);
            }
            clipped[d] = true;
        }
        return new Clip(dims.clone(), clipped);
    }

    /**
     * One element of a row as the clipped model sees it.
     *
     * @param x the rows
     * @param off the offset of the row in {@code x}
     * @param d the hidden dim
     * @return {@code x[off + d]}, or 0 when d is clipped
     */
    public float value(float[] x, int off, int d) {
        return clipped[d] ? 0f : x[off + d];
    }

    /**
     * Cosine of two rows of the hidden size, reading clipped dims as zero.
     *
     * @param a the first row's array
     * @param aOff the offset of the first row in {@code a}
     * @param b the second row's array
     * @param bOff the offset of the second row in {@code b}
     * @return the cosine, or 0 when a row is all zero
     */
    public double cosine(float[] a, int aOff, float[] b, int bOff) {
        return Cosine.of(a, aOff, b, bOff, clipped.length, clipped);
    }

    /** Zeroes the dims in every row of a [rows, hidden] array, in place. */
    void clipRows(float[] rows) {
        for (int from = 0; from < rows.length; from += clipped.length) {
            for (int d : dims) {
                rows[from + d] = 0f;
            }
        }
    }

    /**
     * Hooks that zero the dims of every block's output (blocks.L.hook_normalized_resid_post) as it flows on,
     * so later blocks see the clipped stream: the in-graph variant of the clip.
     *
     * @param config the model's config, for its number of layers and hidden size
     * @return the hooks to run a forward with
     */
    public ForwardHooks inGraph(ModelConfig config) {
        HookRegistry hooks = new HookRegistry(config);
        for (int block = 0; block < config.numLayers(); block++) {
            hooks.add(new HookSite(HookPoint.NORMALIZED_RESID_POST, block), Interventions.zeroDims(dims));
        }
        return hooks;
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
