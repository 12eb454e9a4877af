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
 * ({@link #value}, {@link #cosine}, {@link #clipRows}) or in the graph ({@link #inGraph}).
 */
public record Clip(int[] dims, boolean[] clipped) {
    public static Clip none(int hidden) {
        return new Clip(new int[0], new boolean[hidden]);
    }

    /** Refuses a dim outside [0, hidden). */
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

    public boolean isNone() {
        return dims.length == 0;
    }

    /** x[off + d], or 0 when d is clipped. */
    public float value(float[] x, int off, int d) {
        return clipped[d] ? 0f : x[off + d];
    }

    /** Cosine of two rows of length clipped.length, reading clipped dims as zero; 0 when a row is all zero. */
    public double cosine(float[] a, int aOff, float[] b, int bOff) {
        return Cosine.of(a, aOff, b, bOff, clipped.length, clipped);
    }

    /** Zeroes the dims in every row of a [rows, hidden] array, in place. */
    public void clipRows(float[] rows) {
        for (int from = 0; from < rows.length; from += clipped.length) {
            for (int d : dims) {
                rows[from + d] = 0f;
            }
        }
    }

    /** Hooks that zero the dims of every block's output (blocks.L.hook_normalized_resid_post) as it flows on. */
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
