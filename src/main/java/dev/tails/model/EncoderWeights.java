package dev.tails.model;

import java.util.List;

/**
 * Every tensor the forward pass uses; the pooler is null when the checkpoint has none.
 *
 * @param embeddings the embedding tables and their LayerNorm
 * @param layers the blocks, in forward order
 * @param pooler the pooler's dense layer, or null
 */
public record EncoderWeights(EmbeddingWeights embeddings, List<LayerWeights> layers, LinearWeights pooler) {
}
