package dev.tails.model;

/**
 * HF BertOnlyMLMHead / RobertaLMHead / DistilBertForMaskedLM's and ElectraForMaskedLM's heads: dense to
 * the embedding width, activation, LayerNorm ({@link HookPoint#MLM_TRANSFORM}), then the decoder to
 * logits over the vocabulary ({@link HookPoint#MLM_LOGITS}).
 */
final class MlmHead {
    private final MlmHeadWeights weights;
    private final Activation activation;
    private final int width;
    private final int vocab;

    MlmHead(ModelConfig config, MlmHeadWeights weights) {
        this.weights = weights;
        this.activation = weights.format().activation(config);
        this.width = config.embeddingSize();
        this.vocab = config.vocabSize();
    }

    /** Logits [B*T, vocab] from the last hidden state [B*T, H] (padding rows computed as HF does). */
    float[] forward(float[] last, Batch batch, ForwardHooks hooks) {
        int rows = batch.rows();
        ActivationBudget.checkLogits(rows, vocab);
        float[] x = new float[rows * width];
        weights.transform().apply(last, rows, x, activation::applyInPlace);
        weights.norm().apply(x, rows, x);
        hooks.at(HookPoint.MLM_TRANSFORM, 0, x, batch);
        float[] logits = new float[rows * vocab];
        weights.decoder().linear().apply(x, rows, logits);
        hooks.at(HookPoint.MLM_LOGITS, 0, logits, batch);
        return logits;
    }
}
