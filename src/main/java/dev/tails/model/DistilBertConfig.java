package dev.tails.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * HF DistilBertConfig: BERT's numbers under other names (dim, n_layers, n_heads, hidden_dim,
 * activation), no token types, and LayerNorm eps 1e-12 hard-coded in modeling_distilbert.py
 * whatever the file says.
 */
final class DistilBertConfig {
    private static final float LAYER_NORM_EPS = 1e-12f;

    private DistilBertConfig() {
    }

    static ModelConfig parse(JsonNode root, String where) {
        // sinusoidal_pos_embds freezes the position table to sin/cos values HF computes at init
        ModelConfig.refuseIfTrue(root, "sinusoidal_pos_embds", where,
                "only learned position embeddings are implemented");
        int dim = ModelConfig.positive(root, "dim", where);
        return new ModelConfig(
                ModelFamily.DISTILBERT,
                ModelConfig.positive(root, "vocab_size", where),
                dim,
                ModelConfig.positive(root, "n_layers", where),
                ModelConfig.positive(root, "n_heads", where),
                ModelConfig.positive(root, "hidden_dim", where),
                ModelConfig.positive(root, "max_position_embeddings", where),
                0,
                LAYER_NORM_EPS,
                Activation.named("activation",
                        root.has("activation") ? ModelConfig.text(root, "activation", where) : "gelu", where),
                root.has("pad_token_id") ? ModelConfig.positiveOrZero(root, "pad_token_id", where) : 0,
                ModelConfig.bool(root, "tie_word_embeddings", where, true),
                dim);
    }
}
