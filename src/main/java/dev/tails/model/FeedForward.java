package dev.tails.model;

import dev.tails.kernel.Parallel;
import dev.tails.kernel.RowOp;

/** HF BertIntermediate + the dense projection of BertOutput: W_out · act(W_in · x + b_in) + b_out. */
final class FeedForward {
    private final LayerWeights weights;
    private final Activation activation;
    private final int hidden;
    private final int neurons;
    private final int layer;

    FeedForward(LayerWeights weights, ModelConfig config, int layer) {
        this.weights = weights;
        this.activation = config.activation();
        this.hidden = config.hiddenSize();
        this.neurons = config.intermediateSize();
        this.layer = layer;
    }

    /** Returns the FFN output [B*T, H], plus residual unless null. */
    float[] forward(float[] x, Batch batch, ForwardHooks hooks, LayerBuffers buffers, float[] residual) {
        int rows = batch.rows();
        float[] act = buffers.forActivation(hooks, layer, rows * neurons, HookPoint.MLP_POST, HookPoint.MLP_PRE);
        boolean preHooked = hooks.active(HookPoint.MLP_PRE, layer);
        // Unless hook_pre must see the pre-activation, GELU runs on each block of act as it is made.
        weights.intermediate().apply(x, rows, act, preHooked ? RowOp.NONE : activation::applyInPlace);
        if (preHooked) {
            hooks.fire(HookPoint.MLP_PRE, layer, act, batch);
            Parallel.forRange(rows, row -> activation.applyInPlace(act, row * neurons, neurons));
        }
        hooks.at(HookPoint.MLP_POST, layer, act, batch);
        float[] out = new float[rows * hidden];
        weights.output().apply(act, rows, out, residual == null ? RowOp.NONE : RowOp.plus(residual));
        return out;
    }
}
