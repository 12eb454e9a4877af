package dev.tails.model;

import dev.tails.kernel.VectorOps;

/**
 * HF BertLayer, post-LN: h = LN1(x + attn(x)); out = LN2(h + ffn(h)). The residual sums and the
 * LayerNorms run in place, so each hook sees its activation live only during its call.
 */
final class EncoderLayer {
    private final LayerWeights weights;
    private final SelfAttention attention;
    private final FeedForward feedForward;
    private final int hidden;
    private final int layer;

    EncoderLayer(LayerWeights weights, ModelConfig config, int layer) {
        this.weights = weights;
        this.attention = new SelfAttention(weights, config, layer);
        this.feedForward = new FeedForward(weights, config, layer);
        this.hidden = config.hiddenSize();
        this.layer = layer;
    }

    /** Returns the layer output [B*T, H] in a new array; x is changed only by hooks on resid_pre. */
    float[] forward(float[] x, Batch batch, ForwardHooks hooks, LayerBuffers buffers) {
        int rows = batch.rows();
        hooks.at(HookPoint.RESID_PRE, layer, x, batch);
        // Unless a hook must see a branch's output before the residual joins it, the output
        // projection adds the residual to each block it finishes.
        boolean attnOutHooked = hooks.active(HookPoint.ATTN_OUT, layer);
        float[] mid = attention.forward(x, batch, hooks, buffers, attnOutHooked ? null : x);
        if (attnOutHooked) {
            hooks.fire(HookPoint.ATTN_OUT, layer, mid, batch);
            VectorOps.add(mid, x, mid, rows * hidden);
        }
        hooks.at(HookPoint.RESID_MID, layer, mid, batch);
        weights.attentionNorm().apply(mid, rows, mid);
        hooks.at(HookPoint.NORMALIZED_RESID_MID, layer, mid, batch);

        boolean mlpOutHooked = hooks.active(HookPoint.MLP_OUT, layer);
        float[] out = feedForward.forward(mid, batch, hooks, buffers, mlpOutHooked ? null : mid);
        if (mlpOutHooked) {
            hooks.fire(HookPoint.MLP_OUT, layer, out, batch);
            VectorOps.add(out, mid, out, rows * hidden);
        }
        hooks.at(HookPoint.RESID_POST, layer, out, batch);
        weights.outputNorm().apply(out, rows, out);
        hooks.at(HookPoint.NORMALIZED_RESID_POST, layer, out, batch);
        return out;
    }
}
