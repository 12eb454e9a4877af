package dev.tails.attribution;

/** One token's hidden state 0 at one dim, split through the embedding LayerNorm into its three lookups. */
public record EmbeddingDecomposition(double beta, double word, double position, double tokenType) {

    public double sum() {
        return beta + word + position + tokenType;
    }
}
