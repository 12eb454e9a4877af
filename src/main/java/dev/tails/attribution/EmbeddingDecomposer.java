package dev.tails.attribution;

import dev.tails.model.EmbeddingWeights;
import dev.tails.model.HookPoint;
import dev.tails.model.LayerNormWeights;
import dev.tails.model.LinearWeights;
import dev.tails.model.Model;

/**
 * Splits hidden state 0 at dim d through the frozen embedding LayerNorm into word, position and token
 * type; for ELECTRA with narrower embeddings, through the LayerNorm and then the linear embeddings_project.
 */
public final class EmbeddingDecomposer {
    private final int dim;
    private final int hidden;
    private final int width;
    private final LayerNormWeights norm;
    /** What dim d of state 0 reads of each LayerNorm output: one-hot at d, or row d of the projection. */
    private final double[] readout;
    private final double readoutBias;

    public EmbeddingDecomposer(Model model, int dim) {
        BlockDecomposer.checkRange("dim", dim, model.config().hiddenSize(), "hidden dims");
        this.dim = dim;
        this.hidden = model.config().hiddenSize();
        this.width = model.config().embeddingSize();
        EmbeddingWeights embeddings = model.weights().embeddings();
        this.norm = embeddings.norm();
        this.readout = new double[width];
        LinearWeights projection = embeddings.projection();
        if (projection == null) {
            readout[dim] = 1;
            readoutBias = 0;
        } else {
            for (int j = 0; j < width; j++) {
                readout[j] = projection.weight()[dim * width + j];
            }
            readoutBias = projection.bias()[dim];
        }
    }

    /** The measured hidden state 0 at dim d. */
    public double value(CapturedForward forward, int row) {
        return forward.state(0)[row * hidden + dim];
    }

    public EmbeddingDecomposition decompose(CapturedForward forward, int row) {
        CapturedForward.Row word = forward.row(HookPoint.EMBED, 0, row);
        CapturedForward.Row position = forward.row(HookPoint.POS_EMBED, 0, row);
        CapturedForward.Row type = forward.row(HookPoint.TOKEN_TYPE_EMBED, 0, row);
        float[] sum = new float[width];
        for (int i = 0; i < width; i++) {
            // the forward's order and float rounding: (words + token types) + positions
            sum[i] = word.at(i) + type.at(i) + position.at(i);
        }
        double beta = readoutBias;
        double words = 0;
        double positions = 0;
        double types = 0;
        for (int j = 0; j < width; j++) {
            if (readout[j] == 0) {
                continue;
            }
            FrozenNorm frozen = FrozenNorm.of(norm, j, sum, 0, width);
            beta += readout[j] * frozen.beta();
            double scale = readout[j] * frozen.scale();
            words += scale * CenteredWeights.at(word.data(), word.offset(), width, j);
            positions += scale * CenteredWeights.at(position.data(), position.offset(), width, j);
            types += scale * CenteredWeights.at(type.data(), type.offset(), width, j);
        }
        return new EmbeddingDecomposition(beta, words, positions, types);
    }
}
