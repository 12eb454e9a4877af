package dev.tails.model;

/**
 * One post-LN encoder block, named as HF's BertLayer.
 *
 * @param query the attention's query projection
 * @param key the attention's key projection
 * @param value the attention's value projection
 * @param attentionOutput the attention's output projection (BertSelfOutput.dense)
 * @param attentionNorm the LayerNorm after the attention's add
 * @param intermediate the feed-forward's first layer, H to I
 * @param output the feed-forward's second layer, I to H
 * @param outputNorm the LayerNorm after the feed-forward's add
 */
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
