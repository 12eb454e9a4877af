package dev.tails.attribution;

import java.util.List;

/**
 * What writes dim {@code dim} of block {@code layer}, averaged over a corpus's tokens (DESIGN.md §6):
 * the top neurons (direct effect on the block output through frozen LayerNorm 2) and heads (direct
 * effect on hook_normalized_resid_mid through frozen LayerNorm 1), plus the mean of every part, so
 * shares of the total can be given, and the embedding trace of the same dim (hidden state 0).
 */
public record Attribution(
        int layer,
        int dim,
        long tokens,
        double value,
        List<UnitMean> neurons,
        List<UnitMean> heads,
        Decomposition output,
        double attentionValue,
        Decomposition attention,
        double embeddingValue,
        EmbeddingDecomposition embedding) {

    /** A neuron's share of what all parts but beta put into the block output. */
    public double neuronShare(UnitMean neuron) {
        return neuron.mean() / (value - output.beta());
    }

    /** A head's share of what all parts but beta put into hook_normalized_resid_mid. */
    public double headShare(UnitMean head) {
        return head.mean() / (attentionValue - attention.beta());
    }

    /** A lookup's share of what all parts but beta put into hidden state 0. */
    public double embeddingShare(double part) {
        return part / (embeddingValue - embedding.beta());
    }
}
