package dev.tails.model;

/** One post-LN encoder block, named as HF's BertLayer. */
public record LayerWeights(
        LinearWeights query,
        LinearWeights key,
        LinearWeights value,
        LinearWeights attentionOutput,
        LayerNormWeights attentionNorm,
        LinearWeights intermediate,
        LinearWeights output,
        LayerNormWeights outputNorm) {
}
