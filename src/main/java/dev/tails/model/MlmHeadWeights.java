package dev.tails.model;

/** The masked-LM head's tensors: transform dense, its LayerNorm, and the decoder to the vocabulary. */
record MlmHeadWeights(MlmHeadFormat format, LinearWeights transform, LayerNormWeights norm, VocabProjection decoder) {
}
