package dev.tails.model;

/**
 * Lookup tables [rows, E] for words, positions and token types, and the LayerNorm (width E) after their
 * sum. tokenType is null for a family without token types (DistilBERT); projection, [H, E], is
 * ELECTRA's embeddings_project when E differs from the hidden size H, else null.
 */
public record EmbeddingWeights(float[] word, float[] position, float[] tokenType, LayerNormWeights norm,
                               LinearWeights projection) {
}
