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
        CapturedForward.Row word = forward.row(HookPoint.EMBED, 0, row);
        CapturedForward.Row position = forward.row(HookPoint.POS_EMBED, 0, row);
        CapturedForward.Row type = forward.row(HookPoint.TOKEN_TYPE_EMBED, 0, row);
        float[] sum = new float[hidden];
        for (int i = 0; i < hidden; i++) {
            // the forward's order and float rounding: (words + token types) + positions
            sum[i] = word.at(i) + type.at(i) + position.at(i);
        }
        FrozenNorm frozen = FrozenNorm.of(norm, dim, sum, 0, hidden);
        return new EmbeddingDecomposition(frozen.beta(),
                frozen.scale() * CenteredWeights.at(word.data(), word.offset(), hidden, dim),
                frozen.scale() * CenteredWeights.at(position.data(), position.offset(), hidden, dim),
                frozen.scale() * CenteredWeights.at(type.data(), type.offset(), hidden, dim));
    }
}
