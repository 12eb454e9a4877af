package dev.tails.model;

import dev.tails.kernel.FloatScratch;
import dev.tails.kernel.Gemm;
import dev.tails.kernel.PackedLinear;
import dev.tails.kernel.PanelScratch;
import dev.tails.kernel.Panels;
import dev.tails.kernel.Parallel;
import dev.tails.kernel.RowOp;
import dev.tails.kernel.Softmax;
import dev.tails.kernel.VectorOps;

import java.util.Arrays;
import java.util.function.Supplier;

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

    /** Returns the attention output [B*T, H] (sum of the heads through W_O, plus its bias), plus residual unless null. */
    float[] forward(float[] x, Batch batch, ForwardHooks hooks, LayerBuffers buffers, float[] residual) {
        int rows = batch.rows();
        float[] q = project(weights.query(), x, rows, HookPoint.Q, batch, hooks, buffers);
        float[] k = project(weights.key(), x, rows, HookPoint.K, batch, hooks, buffers);
        float[] v = project(weights.value(), x, rows, HookPoint.V, batch, hooks, buffers);

        float[] z = buffers.forActivation(hooks, layer, rows * hidden, HookPoint.Z);
        if (hooks.active(HookPoint.ATTN_SCORES, layer) || hooks.active(HookPoint.PATTERN, layer)) {
            attendWholePatterns(q, k, v, z, batch, hooks);
        } else {
            Parallel.forRange(batch.size() * heads, bh -> attendByQueryBlocks(q, k, v, z, bh, batch));
        }
        hooks.at(HookPoint.Z, layer, z, batch);

        if (hooks.active(HookPoint.RESULT, layer)) {
            float[] out = outputThroughHeadResults(z, batch, hooks);
            if (residual != null) {
                VectorOps.add(out, residual, out, rows * hidden);
            }
            return out;
        }
        float[] out = new float[rows * hidden];
        weights.attentionOutput().apply(z, rows, out, residual == null ? RowOp.NONE : RowOp.plus(residual));
        return out;
    }

    private float[] project(LinearWeights w, float[] x, int rows, HookPoint point, Batch batch, ForwardHooks hooks,
                            LayerBuffers buffers) {
        float[] y = buffers.forActivation(hooks, layer, rows * hidden, point);
        w.apply(x, rows, y);
        hooks.at(point, layer, y, batch);
        return y;
    }

    /**
     * One (sequence, head) pair, QBLOCK queries at a time: their scores, softmax and P·V while the
     * scores are in L2 (a whole head's are 1 MB at 512 tokens, all heads' 12 MB per layer). The
     * same kernels on the same rows as {@link #attendWholePatterns}, so the same bits.
     */
    private void attendByQueryBlocks(float[] q, float[] k, float[] v, float[] z, int bh, Batch batch) {
        int t = batch.seqLen();
        PanelScratch scratch = SCRATCH.get();
        Panels keys = keys(k, bh, t, scratch), values = values(v, bh, t, scratch);
        float[] block = SCORES.atLeast(Math.min(QBLOCK, t) * t);
        for (int r0 = 0; r0 < t; r0 += QBLOCK) {
            int nr = Math.min(QBLOCK, t - r0);
            scores(q, keys, block, 0, bh, r0, nr, batch);
            Softmax.rows(block, 0, nr, t, t);
            mixValues(block, 0, values, z, bh, r0, nr, t);
        }
    }

    /** Every head's whole score matrix at once, for hooks on attn_scores or pattern. */
    private void attendWholePatterns(float[] q, float[] k, float[] v, float[] z, Batch batch, ForwardHooks hooks) {
        int t = batch.seqLen();
        float[] scores = new float[batch.size() * heads * t * t];
        Parallel.forRange(batch.size() * heads, bh -> scores(q, keys(k, bh, t, SCRATCH.get()), scores, bh * t * t, bh, 0, t, batch));
        hooks.at(HookPoint.ATTN_SCORES, layer, scores, batch);
        Parallel.forRange(batch.size() * heads, bh -> Softmax.rows(scores, bh * t * t, t, t, t));
        hooks.at(HookPoint.PATTERN, layer, scores, batch);
        Parallel.forRange(batch.size() * heads, bh -> mixValues(scores, bh * t * t, values(v, bh, t, SCRATCH.get()), z, bh, 0, t, t));
    }

    /** Queries of rows [r0, r0+nr) per block: 16 micro-kernel tiles, 160 KB of scores at 512 tokens. */
    private static final int QBLOCK = 80;
    /** Each thread's block of scores, reused from pair to pair. */
    private static final FloatScratch SCORES = new FloatScratch();

    /** Offset of (sequence, head) bh's first row in a [B*T, H] projection. */
    private int headOffset(int bh, int t) {
        return (bh / heads) * t * hidden + (bh % heads) * headDim;
    }

    /** Each thread packs one (sequence, head) pair's keys and values at a time, into memory it reuses. */
    private static final Supplier<PanelScratch> SCRATCH = PanelScratch.perThread();

    private Panels keys(float[] k, int bh, int t, PanelScratch scratch) {
        return Panels.ofRows(k, headOffset(bh, t), hidden, t, headDim, scratch);
    }

    private Panels values(float[] v, int bh, int t, PanelScratch scratch) {
        return Panels.ofColumns(v, headOffset(bh, t), hidden, t, headDim, scratch);
    }

    /** Scaled scores of queries [r0, r0+nr) of pair bh into rows of t at off; keys beyond the sequence get -inf. */
    private void scores(float[] q, Panels keys, float[] scores, int off, int bh, int r0, int nr, Batch batch) {
        int t = batch.seqLen();
        Gemm.multiply(nr, q, headOffset(bh, t) + r0 * hidden, hidden, keys, 0, headDim, null, scores, off, t);
        VectorOps.scale(scores, off, nr * t, (float) (1.0 / Math.sqrt(headDim)));
        int len = batch.length(bh / heads);
        for (int row = 0; row < nr; row++) {
            Arrays.fill(scores, off + row * t + len, off + (row + 1) * t, Float.NEGATIVE_INFINITY);
        }
    }

    /** z rows [r0, r0+nr) of pair bh = their pattern rows (t wide at off) · V. */
    private void mixValues(float[] pattern, int off, Panels values, float[] z, int bh, int r0, int nr, int t) {
        Gemm.multiply(nr, pattern, off, t, values, 0, t, null, z, headOffset(bh, t) + r0 * hidden, hidden);
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
