package dev.tails.model;

/**
 * Lookup tables [rows, E] for words, positions and token types, and the LayerNorm (width E) after their
 * sum. tokenType is null for a family without token types (DistilBERT); projection, [H, E], is
 * ELECTRA's embeddings_project when E differs from the hidden size H, else null.
 *
 * @param word the word embeddings, [vocab, E]
 * @param position the position embeddings, [max positions, E]
 * @param tokenType the token-type embeddings, [type vocab, E], or null
 * @param norm the LayerNorm after the sum
 * @param projection the projection from E to H, or null
 */
public record EmbeddingWeights(float[] word, float[] position, float[] tokenType, LayerNormWeights norm,
                               LinearWeights projection) {
}
