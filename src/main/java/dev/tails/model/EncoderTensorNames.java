package dev.tails.model;

/**
 * Where a family's checkpoints keep each tensor of one encoder layer, relative to
 * {@code <layers>.<L>.}: BERT's names (also RoBERTa's and ELECTRA's) or DistilBERT's.
 */
record EncoderTensorNames(String layers, String query, String key, String value, String attentionOutput,
                          String attentionNorm, String intermediate, String output, String outputNorm) {

    static final EncoderTensorNames BERT = new EncoderTensorNames("encoder.layer", "attention.self.query",
            "attention.self.key", "attention.self.value", "attention.output.dense", "attention.output.LayerNorm",
            "intermediate.dense", "output.dense", "output.LayerNorm");
    static final EncoderTensorNames DISTILBERT = new EncoderTensorNames("transformer.layer", "attention.q_lin",
            "attention.k_lin", "attention.v_lin", "attention.out_lin", "sa_layer_norm",
            "ffn.lin1", "ffn.lin2", "output_layer_norm");

    static EncoderTensorNames of(ModelFamily family) {
        return family == ModelFamily.DISTILBERT ? DISTILBERT : BERT;
    }
}
