package dev.tails.model;

/**
 * Where a family's checkpoints keep the masked-LM head (HF BertLMPredictionHead, RobertaLMHead,
 * DistilBertForMaskedLM's vocab_* modules, ElectraForMaskedLM's generator_predictions and
 * generator_lm_head) and which activation it applies. Every head is dense, activation, LayerNorm,
 * decoder; the dense maps the hidden size to the embedding width (ELECTRA's generator:
 * hidden_size -> embedding_size; the others have both equal), so the decoder can be the word table.
 *
 * @param bias       the vocabulary bias; HF ties {@code <decoder>.bias} to it, so files hold either name
 * @param decoder    the projection to the vocabulary, whose weight a file has only when untied
 * @param whyMissing said after a missing tensor's name: what kind of checkpoint lacks the head, or ""
 */
record MlmHeadFormat(String dense, String layerNorm, String bias, String decoder, boolean configActivation,
                     String whyMissing) {

    static final MlmHeadFormat BERT = new MlmHeadFormat("cls.predictions.transform.dense",
            "cls.predictions.transform.LayerNorm", "cls.predictions.bias", "cls.predictions.decoder", true, "");
    /** RobertaLMHead calls the erf GELU whatever hidden_act says. */
    static final MlmHeadFormat ROBERTA = new MlmHeadFormat("lm_head.dense", "lm_head.layer_norm", "lm_head.bias",
            "lm_head.decoder", false, "");
    /** DistilBertForMaskedLM applies config.activation; its LayerNorm's eps is 1e-12 as the encoder's (DistilBertConfig). */
    static final MlmHeadFormat DISTILBERT = new MlmHeadFormat("vocab_transform", "vocab_layer_norm",
            "vocab_projector.bias", "vocab_projector", true, "");
    /** ElectraGeneratorPredictions calls the erf GELU whatever hidden_act says; only the generator was trained for it. */
    static final MlmHeadFormat ELECTRA = new MlmHeadFormat("generator_predictions.dense",
            "generator_predictions.LayerNorm", "generator_lm_head.bias", "generator_lm_head", false,
            " (ELECTRA discriminator checkpoints have no masked-LM head: only a generator checkpoint,"
                    + " ElectraForMaskedLM, holds generator_predictions and generator_lm_head)");

    /** The family's head. */
    static MlmHeadFormat of(ModelFamily family) {
        return switch (family) {
            case BERT -> BERT;
            case ROBERTA -> ROBERTA;
            case DISTILBERT -> DISTILBERT;
            case ELECTRA -> ELECTRA;
        };
    }

    Activation activation(ModelConfig config) {
        return configActivation ? config.activation() : Activation.GELU_ERF;
    }
}
