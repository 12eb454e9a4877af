package dev.tails.analysis;

import dev.tails.TailsException;
import dev.tails.model.EmbeddingWeights;
import dev.tails.model.EncoderWeights;
import dev.tails.model.LayerNormWeights;
import dev.tails.model.LayerWeights;

/**
 * Kovaleva et al. (2021, "BERT Busters") disable an outlier dim by zeroing its gamma and beta in every
 * LayerNorm of the encoder: the embeddings' and both of each block. This builds that copy of the weights;
 * only the LayerNorm vectors are new, every matrix is shared with the original, which stays untouched.
 */
public final class LayerNormDimZeroing {
    private LayerNormDimZeroing() {
    }

    /** The weights with gamma[d] = beta[d] = 0 for each of the dims in every encoder LayerNorm. */
    public static EncoderWeights of(EncoderWeights weights, int... dims) {
        EmbeddingWeights e = weights.embeddings();
        return new EncoderWeights(
                new EmbeddingWeights(e.word(), e.position(), e.tokenType(), zeroed(e.norm(), dims), e.projection()),
                weights.layers().stream().map(l -> new LayerWeights(l.query(), l.key(), l.value(), l.attentionOutput(),
                        zeroed(l.attentionNorm(), dims), l.intermediate(), l.output(), zeroed(l.outputNorm(), dims))).toList(),
                weights.pooler());
    }

    private static LayerNormWeights zeroed(LayerNormWeights norm, int[] dims) {
        float[] gamma = norm.gamma().clone();
        float[] beta = norm.beta().clone();
        for (int d : dims) {
            if (d < 0 || d >= gamma.length) {
                throw new TailsException("LayerNorm dim " + d + " is outside the width " + gamma.length);
            }
            gamma[d] = 0f;
            beta[d] = 0f;
        }
        return new LayerNormWeights(gamma, beta, norm.eps());
    }
}
