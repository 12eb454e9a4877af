package dev.tails.model;

/** Lookup tables [rows, hidden] for words, positions and token types, and the LayerNorm after their sum. */
public record EmbeddingWeights(float[] word, float[] position, float[] tokenType, LayerNormWeights norm) {
}
