package dev.tails.model;

import dev.tails.hook.ForwardHooks;
import dev.tails.hook.HookPoint;
import dev.tails.kernel.Gemm;
import dev.tails.kernel.PackedLinear;
import dev.tails.kernel.Panels;
import dev.tails.kernel.Parallel;
import dev.tails.kernel.Softmax;
import dev.tails.kernel.VectorOps;

import java.util.Arrays;

/**
 * HF BertSelfAttention + the dense projection of BertSelfOutput: softmax(Q·Kᵀ/√dh + mask)·V per
 * head, then W_O. Padding keys are masked with -inf; padding queries are computed like HF does.
 */
final class SelfAttention {
    private final LayerWeights weights;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final int layer;

    SelfAttention(LayerWeights weights, ModelConfig config, int layer) {
        this.weights = weights;
        this.hidden = config.hiddenSize();
        this.heads = config.numHeads();
        this.headDim = config.headDim();
        this.layer = layer;
    }

    /** Returns the attention output [B*T, H] (sum of the heads through W_O, plus its bias). */
    float[] forward(float[] x, Batch batch, ForwardHooks hooks) {
        int rows = batch.rows();
        float[] q = project(weights.query(), x, rows, HookPoint.Q, batch, hooks);
        float[] k = project(weights.key(), x, rows, HookPoint.K, batch, hooks);
        float[] v = project(weights.value(), x, rows, HookPoint.V, batch, hooks);

        int t = batch.seqLen();
        float[] scores = new float[batch.size() * heads * t * t];
        float scale = (float) (1.0 / Math.sqrt(headDim));
        Parallel.forRange(batch.size() * heads, bh -> scores(q, k, scores, bh, batch, scale));
        hooks.at(HookPoint.ATTN_SCORES, layer, scores, batch);
        Parallel.forRange(batch.size() * heads, bh -> Softmax.rows(scores, bh * t * t, t, t, t));
        hooks.at(HookPoint.PATTERN, layer, scores, batch);

        float[] z = new float[rows * hidden];
        Parallel.forRange(batch.size() * heads, bh -> {
            int seqOff = (bh / heads) * t * hidden + (bh % heads) * headDim;
            Panels values = Panels.ofColumns(v, seqOff, hidden, t, headDim);
            Gemm.multiply(t, scores, bh * t * t, t, values, 0, t, null, z, seqOff, hidden);
        });
        hooks.at(HookPoint.Z, layer, z, batch);

        if (hooks.active(HookPoint.RESULT, layer)) {
            return outputThroughHeadResults(z, batch, hooks);
        }
        float[] out = new float[rows * hidden];
        weights.attentionOutput().apply(z, rows, out);
        return out;
    }

    private float[] project(LinearWeights w, float[] x, int rows, HookPoint point, Batch batch, ForwardHooks hooks) {
        float[] y = new float[rows * hidden];
        w.apply(x, rows, y);
        hooks.at(point, layer, y, batch);
        return y;
    }

    /** Scaled scores of one (sequence, head) pair; keys beyond the sequence get -inf. */
    private void scores(float[] q, float[] k, float[] scores, int bh, Batch batch, float scale) {
        int t = batch.seqLen();
        int b = bh / heads;
        int seqOff = b * t * hidden + (bh % heads) * headDim;
        int off = bh * t * t;
        Panels keys = Panels.ofRows(k, seqOff, hidden, t, headDim);
        Gemm.multiply(t, q, seqOff, hidden, keys, 0, headDim, null, scores, off, t);
        VectorOps.scale(scores, off, t * t, scale);
        int len = batch.length(b);
        for (int row = 0; row < t; row++) {
            Arrays.fill(scores, off + row * t + len, off + (row + 1) * t, Float.NEGATIVE_INFINITY);
        }
    }

    /**
     * TransformerLens' use_attn_result: each head's output through its slice of W_O, [B*T, heads, H],
     * exposed at hook_result; the attention output is then their sum plus the bias, so a change to
     * one head's result flows on.
     */
    private float[] outputThroughHeadResults(float[] z, Batch batch, ForwardHooks hooks) {
        int rows = batch.rows();
        PackedLinear wo = weights.attentionOutput().packed();
        float[] result = new float[rows * heads * hidden];
        for (int h = 0; h < heads; h++) {
            wo.forwardSlice(z, rows, h * headDim, (h + 1) * headDim, result, h * hidden, heads * hidden);
        }
        hooks.fire(HookPoint.RESULT, layer, result, batch);
        float[] out = new float[rows * hidden];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(weights.attentionOutput().bias(), 0, out, row * hidden, hidden);
            for (int h = 0; h < heads; h++) {
                VectorOps.add(out, row * hidden, result, (row * heads + h) * hidden, out, row * hidden, hidden);
            }
        }
        return out;
    }
}
