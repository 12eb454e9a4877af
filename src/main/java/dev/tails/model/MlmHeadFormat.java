package dev.tails.model;

/**
 * Where a family's checkpoints keep the masked-LM head (HF BertLMPredictionHead, RobertaLMHead) and
 * which activation it applies. Another family's head (ELECTRA's generator_predictions,
 * DistilBERT's vocab_transform / vocab_layer_norm / vocab_projector) would be one more constant.
 *
 * @param bias    the vocabulary bias; HF ties {@code <decoder>.bias} to it, so files hold either name
 * @param decoder the projection to the vocabulary, whose weight a file has only when untied
 */
record MlmHeadFormat(String dense, String layerNorm, String bias, String decoder, boolean configActivation) {

    static final MlmHeadFormat BERT = new MlmHeadFormat("cls.predictions.transform.dense",
            "cls.predictions.transform.LayerNorm", "cls.predictions.bias", "cls.predictions.decoder", true);
    /** RobertaLMHead calls the erf GELU whatever hidden_act says. */
    static final MlmHeadFormat ROBERTA = new MlmHeadFormat("lm_head.dense", "lm_head.layer_norm", "lm_head.bias",
            "lm_head.decoder", false);

    /** The family's head, or null when tails implements none for it. */
    static MlmHeadFormat of(ModelFamily family) {
        return switch (family) {
            case BERT -> BERT;
            case ROBERTA -> ROBERTA;
            case DISTILBERT, ELECTRA -> null;
        };
    }

    Activation activation(ModelConfig config) {
        return configActivation ? config.activation() : Activation.GELU_ERF;
    }
}
