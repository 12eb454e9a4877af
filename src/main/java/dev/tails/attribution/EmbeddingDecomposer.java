package dev.tails.attribution;

import dev.tails.model.HookPoint;
import dev.tails.model.LayerNormWeights;
import dev.tails.model.Model;

/** Splits hidden state 0 at dim d through the frozen embedding LayerNorm into word, position and token type. */
public final class EmbeddingDecomposer {
    private final int dim;
    private final int hidden;
    private final LayerNormWeights norm;

    public EmbeddingDecomposer(Model model, int dim) {
        BlockDecomposer.checkRange("dim", dim, model.config().hiddenSize(), "hidden dims");
        this.dim = dim;
        this.hidden = model.config().hiddenSize();
        this.norm = model.weights().embeddings().norm();
    }

    /** The measured hidden state 0 at dim d. */
    public double value(CapturedForward forward, int row) {
        return forward.state(0)[row * hidden + dim];
    }

    public EmbeddingDecomposition decompose(CapturedForward forward, int row) {
        int off = row * hidden;
        float[] word = forward.at(HookPoint.EMBED, 0);
        float[] position = forward.at(HookPoint.POS_EMBED, 0);
        float[] type = forward.at(HookPoint.TOKEN_TYPE_EMBED, 0);
        float[] sum = new float[hidden];
        for (int i = 0; i < hidden; i++) {
            // the forward's order and float rounding: (words + token types) + positions
            sum[i] = word[off + i] + type[off + i] + position[off + i];
        }
        FrozenNorm frozen = FrozenNorm.of(norm, dim, sum, 0, hidden);
        return new EmbeddingDecomposition(frozen.beta(),
                frozen.scale() * CenteredWeights.at(word, off, hidden, dim),
                frozen.scale() * CenteredWeights.at(position, off, hidden, dim),
                frozen.scale() * CenteredWeights.at(type, off, hidden, dim));
    }
}
