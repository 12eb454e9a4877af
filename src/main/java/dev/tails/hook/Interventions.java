package dev.tails.hook;

import dev.tails.TailsException;

/**
 * Ready-made intervention hooks. Each checks its indices against the point it is attached to (so a
 * bad index fails before any computation) and edits only real tokens, never padding rows.
 */
public final class Interventions {
    private Interventions() {
    }

    /**
     * Zeroes dims of a token-row point, e.g. of {@code blocks.L.hook_normalized_resid_post}.
     *
     * @param dims the columns
     * @return the hook
     */
    public static Hook zeroDims(int... dims) {
        return setDims(0f, dims);
    }

    /**
     * Sets dims of a token-row point to a value.
     *
     * @param value the value to set
     * @param dims the columns
     * @return the hook
     */
    public static Hook setDims(float value, int... dims) {
        return new SetColumns(nonEmpty(dims, "dims"), value, "dim");
    }

    /**
     * Zeroes FFN neurons; attach to {@code blocks.L.mlp.hook_post} (or hook_pre).
     *
     * @param neurons the neurons
     * @return the hook
     */
    public static Hook zeroNeurons(int... neurons) {
        return setNeurons(0f, neurons);
    }

    /**
     * Sets FFN neurons to a value.
     *
     * @param value the value to set
     * @param neurons the neurons
     * @return the hook
     */
    public static Hook setNeurons(float value, int... neurons) {
        return new SetColumns(nonEmpty(neurons, "neurons"), value, "neuron");
    }

    /**
     * Zeroes heads; attach to {@code blocks.L.attn.hook_z} (the head's context, as HF's head_mask).
     *
     * @param heads the heads
     * @return the hook
     */
    public static Hook zeroHeads(int... heads) {
        return setHeads(0f, heads);
    }

    /**
     * Sets every value of heads to a value.
     *
     * @param value the value to set
     * @param heads the heads
     * @return the hook
     */
    public static Hook setHeads(float value, int... heads) {
        return new SetHeads(nonEmpty(heads, "heads"), value);
    }

    /**
     * Zeroes the whole rows of the tokens at these positions.
     *
     * @param positions token positions
     * @return the hook
     */
    public static Hook zeroPositions(int... positions) {
        return setPositions(0f, positions);
    }

    /**
     * Sets the whole rows of the tokens at these positions to a value.
     *
     * @param value the value to set
     * @param positions token positions
     * @return the hook
     */
    public static Hook setPositions(float value, int... positions) {
        return new SetPositions(positions, value);
    }

    /**
     * Replaces given columns by their mean over the tokens of {@code means} at the same point.
     *
     * @param means activations captured at this point
     * @param columns the columns, all when none are given
     * @return the hook
     */
    public static Hook meanAblate(ActivationCache means, int... columns) {
        return new MeanAblation(means, columns);
    }

    /**
     * Replaces the rows at given positions by those of sequence {@code sourceSequence} of {@code source}.
     *
     * @param source activations captured at this point
     * @param sourceSequence which captured sequence
     * @param positions token positions, all when none are given
     * @return the hook
     */
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
