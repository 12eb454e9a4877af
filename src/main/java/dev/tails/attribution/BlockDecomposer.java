package dev.tails.attribution;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;
import dev.tails.model.LayerWeights;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;

/**
 * Splits dim d of block L exactly (DESIGN.md §5): the block output after LayerNorm 2 into
 * normalized_resid_mid, the FFN output bias and each neuron; normalized_resid_mid (after
 * LayerNorm 1) into resid_pre, the attention output bias and each head. Only the centered row d of
 * W_O and W_out is needed, so a head costs dh multiply-adds per token, a neuron one.
 */
public final class BlockDecomposer {
    private final int block;
    private final int dim;
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final LayerWeights weights;
    private final double[] headWeights;
    private final double[] neuronWeights;
    private final double attentionBias;
    private final double outputBias;

    /** Checks block and dim against the model first: a clear error before any computation. */
    public BlockDecomposer(Model model, int block, int dim) {
        ModelConfig config = model.config();
        checkRange("block", block, config.numLayers(), "blocks");
        checkRange("dim", dim, config.hiddenSize(), "hidden dims");
        this.block = block;
        this.dim = dim;
        this.hidden = config.hiddenSize();
        this.heads = config.numHeads();
        this.headDim = config.headDim();
        this.weights = model.weights().layers().get(block);
        this.headWeights = CenteredWeights.row(weights.attentionOutput(), dim);
        this.neuronWeights = CenteredWeights.row(weights.output(), dim);
        this.attentionBias = CenteredWeights.at(weights.attentionOutput().bias(), 0, hidden, dim);
        this.outputBias = CenteredWeights.at(weights.output().bias(), 0, hidden, dim);
    }

    static void checkRange(String name, int value, int count, String what) {
        if (value < 0 || value >= count) {
            throw new TailsException(name + " " + value + " is out of range: the model has " + count
                    + " " + what + " (0.." + (count - 1) + ")");
        }
    }

    public int block() {
        return block;
    }

    public int dim() {
        return dim;
    }

    /** The measured block output at dim d for a row of the batch. */
    public double value(CapturedForward forward, int row) {
        return forward.state(block + 1)[row * hidden + dim];
    }

    /** The measured hook_normalized_resid_mid at dim d. */
    public double normalizedMid(CapturedForward forward, int row) {
        return forward.row(HookPoint.NORMALIZED_RESID_MID, block, row).at(dim);
    }

    /** hook_normalized_resid_mid at d = beta1 + resid_pre + attention bias + one part per head. */
    public Decomposition heads(CapturedForward forward, int row) {
        CapturedForward.Row mid = forward.row(HookPoint.RESID_MID, block, row);
        FrozenNorm norm = FrozenNorm.of(weights.attentionNorm(), dim, mid.data(), mid.offset(), hidden);
        CapturedForward.Row z = forward.row(HookPoint.Z, block, row);
        double[] parts = new double[heads];
        for (int h = 0; h < heads; h++) {
            double written = 0;
            for (int k = h * headDim; k < (h + 1) * headDim; k++) {
                written += z.at(k) * headWeights[k];
            }
            parts[h] = norm.scale() * written;
        }
        double residual = norm.scale() * CenteredWeights.at(forward.state(block), row * hidden, hidden, dim);
        return new Decomposition(norm.beta(), residual, norm.scale() * attentionBias, parts);
    }

    /** Block output at d = beta2 + normalized_resid_mid + FFN output bias + one part per neuron. */
    public Decomposition neurons(CapturedForward forward, int row) {
        CapturedForward.Row post = forward.row(HookPoint.RESID_POST, block, row);
        FrozenNorm norm = FrozenNorm.of(weights.outputNorm(), dim, post.data(), post.offset(), hidden);
        CapturedForward.Row act = forward.row(HookPoint.MLP_POST, block, row);
        int neurons = neuronWeights.length;
        double[] parts = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            parts[j] = norm.scale() * act.at(j) * neuronWeights[j];
        }
        CapturedForward.Row mid = forward.row(HookPoint.NORMALIZED_RESID_MID, block, row);
        double residual = norm.scale() * CenteredWeights.at(mid.data(), mid.offset(), hidden, dim);
        return new Decomposition(norm.beta(), residual, norm.scale() * outputBias, parts);
    }
}
