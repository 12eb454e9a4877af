package dev.tails.hook;

import dev.tails.TailsException;

/**
 * Ready-made intervention hooks. Each checks its indices against the point it is attached to (so a
 * bad index fails before any computation) and edits only real tokens, never padding rows.
 */
public final class Interventions {
    private Interventions() {
    }

    /** Zeroes dims of a token-row point, e.g. of {@code blocks.L.hook_normalized_resid_post}. */
    public static Hook zeroDims(int... dims) {
        return setDims(0f, dims);
    }

    public static Hook setDims(float value, int... dims) {
        return new SetColumns(nonEmpty(dims, "dims"), value, "dim");
    }

    /** Zeroes FFN neurons; attach to {@code blocks.L.mlp.hook_post} (or hook_pre). */
    public static Hook zeroNeurons(int... neurons) {
        return setNeurons(0f, neurons);
    }

    public static Hook setNeurons(float value, int... neurons) {
        return new SetColumns(nonEmpty(neurons, "neurons"), value, "neuron");
    }

    /** Zeroes heads; attach to {@code blocks.L.attn.hook_z} (the head's context, as HF's head_mask). */
    public static Hook zeroHeads(int... heads) {
        return setHeads(0f, heads);
    }

    public static Hook setHeads(float value, int... heads) {
        return new SetHeads(nonEmpty(heads, "heads"), value);
    }

    /** Zeroes the whole rows of the tokens at these positions. */
    public static Hook zeroPositions(int... positions) {
        return setPositions(0f, positions);
    }

    public static Hook setPositions(float value, int... positions) {
        return new SetPositions(positions, value);
    }

    /** Replaces given columns (all when none are given) by their mean over the tokens of {@code means} at the same point. */
    public static Hook meanAblate(ActivationCache means, int... columns) {
        return new MeanAblation(means, columns);
    }

    /** Replaces the rows at given positions (all when none) by those of sequence {@code sourceSequence} of {@code source}. */
    public static Hook patch(ActivationCache source, int sourceSequence, int... positions) {
        return new Patch(source, sourceSequence, positions);
    }

    private static int[] nonEmpty(int[] indices, String what) {
        if (indices.length == 0) {
            throw new TailsException("intervention: no " + what + " given");
        }
        return indices;
    }
}
