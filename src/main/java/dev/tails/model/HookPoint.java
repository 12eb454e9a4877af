package dev.tails.model;

/**
 * Every place of the forward pass a hook can attach to, with TransformerLens HookedEncoder names
 * (DESIGN.md §4). Per-layer points are named "blocks.L." + suffix.
 */
public enum HookPoint {
    EMBED("embed.hook_embed", false, Layout.HIDDEN),
    POS_EMBED("embed.hook_pos_embed", false, Layout.HIDDEN),
    TOKEN_TYPE_EMBED("embed.hook_token_type_embed", false, Layout.HIDDEN),
    FULL_EMBED("hook_full_embed", false, Layout.HIDDEN),
    RESID_PRE("hook_resid_pre", true, Layout.HIDDEN),
    Q("attn.hook_q", true, Layout.HEADS),
    K("attn.hook_k", true, Layout.HEADS),
    V("attn.hook_v", true, Layout.HEADS),
    ATTN_SCORES("attn.hook_attn_scores", true, Layout.ATTENTION),
    PATTERN("attn.hook_pattern", true, Layout.ATTENTION),
    Z("attn.hook_z", true, Layout.HEADS),
    RESULT("attn.hook_result", true, Layout.HEAD_RESULTS),
    ATTN_OUT("hook_attn_out", true, Layout.HIDDEN),
    RESID_MID("hook_resid_mid", true, Layout.HIDDEN),
    NORMALIZED_RESID_MID("hook_normalized_resid_mid", true, Layout.HIDDEN),
    MLP_PRE("mlp.hook_pre", true, Layout.NEURONS),
    MLP_POST("mlp.hook_post", true, Layout.NEURONS),
    MLP_OUT("hook_mlp_out", true, Layout.HIDDEN),
    RESID_POST("hook_resid_post", true, Layout.HIDDEN),
    NORMALIZED_RESID_POST("hook_normalized_resid_post", true, Layout.HIDDEN);

    /**
     * How an activation of the batch is laid out in its flat array (B sequences padded to T tokens).
     * HIDDEN [B*T, H]; NEURONS [B*T, I]; HEADS [B*T, heads, dh]; HEAD_RESULTS [B*T, heads, H];
     * ATTENTION [B, heads, T(query), T(key)].
     */
    public enum Layout { HIDDEN, NEURONS, HEADS, HEAD_RESULTS, ATTENTION }

    private final String suffix;
    private final boolean perLayer;
    private final Layout layout;

    HookPoint(String suffix, boolean perLayer, Layout layout) {
        this.suffix = suffix;
        this.perLayer = perLayer;
        this.layout = layout;
    }

    public boolean perLayer() {
        return perLayer;
    }

    public Layout layout() {
        return layout;
    }

    /** The full hook name; layer is ignored for the embedding points. */
    public String nameAt(int layer) {
        return perLayer ? "blocks." + layer + "." + suffix : suffix;
    }
}
