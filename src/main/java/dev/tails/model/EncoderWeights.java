package dev.tails.model;

import java.util.List;

/** Every tensor the forward pass uses; the pooler is null when the checkpoint has none. */
public record EncoderWeights(EmbeddingWeights embeddings, List<LayerWeights> layers, LinearWeights pooler) {
}
