package dev.tails.model;

import dev.tails.kernel.VectorOps;

/** HF BertEmbeddings / RobertaEmbeddings: LayerNorm(word + token type + position), no dropout at inference. */
final class Embeddings {
    private final EmbeddingWeights weights;
    private final int hidden;

    Embeddings(EmbeddingWeights weights, int hidden) {
        this.weights = weights;
        this.hidden = hidden;
    }

    /** Returns hidden state 0, [B*T, H]. */
    float[] forward(Batch batch, ForwardHooks hooks) {
        int rows = batch.rows();
        float[] words = gather(weights.word(), batch, Batch::inputId);
        hooks.at(HookPoint.EMBED, 0, words, batch);
        float[] positions = gather(weights.position(), batch, Batch::positionId);
        hooks.at(HookPoint.POS_EMBED, 0, positions, batch);
        float[] types = gather(weights.tokenType(), batch, Batch::typeId);
        hooks.at(HookPoint.TOKEN_TYPE_EMBED, 0, types, batch);
        // HF adds in this order: (words + token types) + positions.
        VectorOps.add(words, types, words, rows * hidden);
        VectorOps.add(words, positions, words, rows * hidden);
        weights.norm().apply(words, rows, words);
        hooks.at(HookPoint.FULL_EMBED, 0, words, batch);
        return words;
    }

    private interface RowIndex {
        int of(Batch batch, int row);
    }

    private float[] gather(float[] table, Batch batch, RowIndex index) {
        float[] out = new float[batch.rows() * hidden];
        for (int row = 0; row < batch.rows(); row++) {
            System.arraycopy(table, index.of(batch, row) * hidden, out, row * hidden, hidden);
        }
        return out;
    }
}
