package dev.tails.model;

/**
 * Every place of the forward pass a hook can attach to, with TransformerLens HookedEncoder names
 * (DESIGN.md §4). Per-layer points are named "blocks.L." + suffix. The masked-LM head's points fire
 * only when logits are asked for ({@link Model#mlmLogits}).
 */
public enum HookPoint {
    EMBED("embed.hook_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    POS_EMBED("embed.hook_pos_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    TOKEN_TYPE_EMBED("embed.hook_token_type_embed", Stage.EMBEDDINGS, Layout.EMBEDDING),
    FULL_EMBED("hook_full_embed", Stage.EMBEDDINGS, Layout.HIDDEN),
    RESID_PRE("hook_resid_pre", Stage.BLOCK, Layout.HIDDEN),
    Q("attn.hook_q", Stage.BLOCK, Layout.HEADS),
    K("attn.hook_k", Stage.BLOCK, Layout.HEADS),
    V("attn.hook_v", Stage.BLOCK, Layout.HEADS),
    ATTN_SCORES("attn.hook_attn_scores", Stage.BLOCK, Layout.ATTENTION),
    PATTERN("attn.hook_pattern", Stage.BLOCK, Layout.ATTENTION),
    Z("attn.hook_z", Stage.BLOCK, Layout.HEADS),
    RESULT("attn.hook_result", Stage.BLOCK, Layout.HEAD_RESULTS),
    ATTN_OUT("hook_attn_out", Stage.BLOCK, Layout.HIDDEN),
    RESID_MID("hook_resid_mid", Stage.BLOCK, Layout.HIDDEN),
    NORMALIZED_RESID_MID("hook_normalized_resid_mid", Stage.BLOCK, Layout.HIDDEN),
    MLP_PRE("mlp.hook_pre", Stage.BLOCK, Layout.NEURONS),
    MLP_POST("mlp.hook_post", Stage.BLOCK, Layout.NEURONS),
    MLP_OUT("hook_mlp_out", Stage.BLOCK, Layout.HIDDEN),
    RESID_POST("hook_resid_post", Stage.BLOCK, Layout.HIDDEN),
    NORMALIZED_RESID_POST("hook_normalized_resid_post", Stage.BLOCK, Layout.HIDDEN),
    MLM_TRANSFORM("hook_mlm_transform", Stage.MLM_HEAD, Layout.HIDDEN),
    MLM_LOGITS("hook_mlm_logits", Stage.MLM_HEAD, Layout.VOCAB);

    /** Where a point lies: before the blocks, in each block (one point per layer), or in the masked-LM head after them. */
    public enum Stage { EMBEDDINGS, BLOCK, MLM_HEAD }

    /**
     * How an activation of the batch is laid out in its flat array (B sequences padded to T tokens).
     * HIDDEN [B*T, H]; EMBEDDING [B*T, E], the lookup tables' width (H but for ELECTRA's narrower
     * embeddings, projected to H before hook_full_embed); NEURONS [B*T, I]; HEADS [B*T, heads, dh];
     * HEAD_RESULTS [B*T, heads, H]; ATTENTION [B, heads, T(query), T(key)]; VOCAB [B*T, vocab].
     */
    public enum Layout { HIDDEN, EMBEDDING, NEURONS, HEADS, HEAD_RESULTS, ATTENTION, VOCAB }

    private final String suffix;
    private final Stage stage;
    private final Layout layout;

    HookPoint(String suffix, Stage stage, Layout layout) {
        this.suffix = suffix;
        this.stage = stage;
        this.layout = layout;
    }

    public Stage stage() {
        return stage;
    }

    public boolean perLayer() {
        return stage == Stage.BLOCK;
    }

    public Layout layout() {
        return layout;
    }

    /** The full hook name; layer is ignored for the points outside the blocks. */
    public String nameAt(int layer) {
        return perLayer() ? "blocks." + layer + "." + suffix : suffix;
    }
}
