package dev.tails.model;

/**
 * Every place of the forward pass a hook can attach to, with TransformerLens HookedEncoder names
 * (the hook table in ARCHITECTURE.md; {@code tails hooks} prints it for a model). Per-layer points
 * are named "blocks.L." + suffix. The masked-LM head's points fire only when logits are asked for
 * ({@link Model#mlmLogits}).
 */
public enum HookPoint {
    /** Word embeddings [T,E] (E = H but for ELECTRA's narrower tables). */
    EMBED("embed.hook_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    /** Position embeddings [T,E]. */
    POS_EMBED("embed.hook_pos_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    /** Token type embeddings [T,E]. */
    TOKEN_TYPE_EMBED("embed.hook_token_type_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    /** Embeddings after LayerNorm (and ELECTRA's projection), hidden state 0 [T,H]. */
    FULL_EMBED("hook_full_embed", Stage.EMBEDDINGS, Layout.HIDDEN),
    /** Input of the block [T,H]. */
    RESID_PRE("hook_resid_pre", Stage.BLOCK, Layout.HIDDEN),
    /** Query projections [T,heads,dh]. */
    Q("attn.hook_q", Stage.BLOCK, Layout.HEADS),
    /** Key projections [T,heads,dh]. */
    K("attn.hook_k", Stage.BLOCK, Layout.HEADS),
    /** Value projections [T,heads,dh]. */
    V("attn.hook_v", Stage.BLOCK, Layout.HEADS),
    /** Attention scores: scaled, masked, before softmax [heads,T,T]. */
    ATTN_SCORES("attn.hook_attn_scores", Stage.BLOCK, Layout.ATTENTION),
    /** Attention pattern: the scores after softmax [heads,T,T]. */
    PATTERN("attn.hook_pattern", Stage.BLOCK, Layout.ATTENTION),
    /** Per-head context [T,heads,dh]. */
    Z("attn.hook_z", Stage.BLOCK, Layout.HEADS),
    /** Per-head output through W_O [T,heads,H] (only computed when hooked). */
    RESULT("attn.hook_result", Stage.BLOCK, Layout.HEAD_RESULTS),
    /** Attention output: sum of the heads plus bias [T,H]. */
    ATTN_OUT("hook_attn_out", Stage.BLOCK, Layout.HIDDEN),
    /** resid_pre + attn_out, before LayerNorm 1 [T,H]. */
    RESID_MID("hook_resid_mid", Stage.BLOCK, Layout.HIDDEN),
    /** After LayerNorm 1 [T,H]. */
    NORMALIZED_RESID_MID("hook_normalized_resid_mid", Stage.BLOCK, Layout.HIDDEN),
    /** FFN pre-activation, the neurons [T,I]. */
    MLP_PRE("mlp.hook_pre", Stage.BLOCK, Layout.NEURONS),
    /** FFN activation after GELU, the neurons [T,I]. */
    MLP_POST("mlp.hook_post", Stage.BLOCK, Layout.NEURONS),
    /** FFN output [T,H]. */
    MLP_OUT("hook_mlp_out", Stage.BLOCK, Layout.HIDDEN),
    /** normalized_resid_mid + mlp_out, before LayerNorm 2 [T,H]. */
    RESID_POST("hook_resid_post", Stage.BLOCK, Layout.HIDDEN),
    /** The block's output, hidden state L+1 [T,H]. */
    NORMALIZED_RESID_POST("hook_normalized_resid_post", Stage.BLOCK, Layout.HIDDEN),
    /** Masked-LM head: dense, activation, LayerNorm [T,E] (the decoder's input, as wide as the word table). */
    MLM_TRANSFORM("hook_mlm_transform", Stage.MLM_HEAD, Layout.EMBEDDING),
    /** Masked-LM logits, before any softmax [T,vocab]. */
    MLM_LOGITS("hook_mlm_logits", Stage.MLM_HEAD, Layout.VOCAB);

    /** Where a point lies: before the blocks, in each block (one point per layer), or in the masked-LM head after them. */
    public enum Stage {
        /** Before the blocks. */
        EMBEDDINGS,
        /** In each block: one point per layer. */
        BLOCK,
        /** In the masked-LM head, after the blocks. */
        MLM_HEAD
    }

    /** How an activation of the batch is laid out in its flat array (B sequences padded to T tokens). */
    public enum Layout {
        /** [B*T, H]. */
        HIDDEN,
        /**
         * [B*T, E]: the lookup tables' width (H but for ELECTRA's narrower embeddings, projected to H before
         * hook_full_embed), also the masked-LM head's transform, which the tied decoder maps to the vocabulary.
         */
        EMBEDDING,
        /** [B*T, I]. */
        NEURONS,
        /** [B*T, heads, dh]. */
        HEADS,
        /** [B*T, heads, H]. */
        HEAD_RESULTS,
        /** [B, heads, T(query), T(key)]. */
        ATTENTION,
        /** [B*T, vocab]. */
        VOCAB
    }

    private final String suffix;
    private final Stage stage;
    private final Layout layout;

    HookPoint(String suffix, Stage stage, Layout layout) {
        this.suffix = suffix;
        this.stage = stage;
        this.layout = layout;
    }

    /** {@return where the point lies} */
    public Stage stage() {
        return stage;
    }

    /** {@return whether the point fires once per layer (the block points)} */
    public boolean perLayer() {
        return stage == Stage.BLOCK;
    }

    /** {@return how its activation is laid out} */
    public Layout layout() {
        return layout;
    }

    /**
     * The full hook name.
     *
     * @param layer the layer (ignored for the points outside the blocks)
     * @return "blocks.L." + suffix for a block point, else its name
     */
    public String nameAt(int layer) {
        return perLayer() ? "blocks." + layer + "." + suffix : suffix;
    }
}
