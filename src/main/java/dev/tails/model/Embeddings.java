package dev.tails.model;

import dev.tails.kernel.VectorOps;

/**
 * HF BertEmbeddings / RobertaEmbeddings: LayerNorm(word + token type + position), no dropout at inference;
 * ELECTRA's embeddings_project after it when the tables are narrower than the hidden states.
 * hook_embed, hook_pos_embed and hook_token_type_embed have the tables' width E; hook_full_embed is
 * hidden state 0 (after the projection, width H), so the blocks' hooks and attribution see one width.
 */
final class Embeddings {
    private final EmbeddingWeights weights;
    private final int width;
    private final int hidden;

    Embeddings(EmbeddingWeights weights, ModelConfig config) {
        this.weights = weights;
        this.width = config.embeddingSize();
        this.hidden = config.hiddenSize();
    }

    /** Returns hidden state 0, [B*T, H]. */
    float[] forward(Batch batch, ForwardHooks hooks) {
        int rows = batch.rows();
        float[] words = gather(weights.word(), batch, Batch::inputId);
        hooks.at(HookPoint.EMBED, 0, words, batch);
        float[] positions = gather(weights.position(), batch, Batch::positionId);
        hooks.at(HookPoint.POS_EMBED, 0, positions, batch);
        // without a token-type table (DistilBERT) that part is zero: adding it changes no bit, and hooks
        // and the embedding attribution keep their three parts
        float[] types = weights.tokenType() == null ? new float[rows * width]
                : gather(weights.tokenType(), batch, Batch::typeId);
        hooks.at(HookPoint.TOKEN_TYPE_EMBED, 0, types, batch);
        // HF adds in this order: (words + token types) + positions.
        VectorOps.add(words, types, words, rows * width);
        VectorOps.add(words, positions, words, rows * width);
        weights.norm().apply(words, rows, words);
        float[] state = project(words, rows);
        hooks.at(HookPoint.FULL_EMBED, 0, state, batch);
        return state;
    }

    private float[] project(float[] normed, int rows) {
        if (weights.projection() == null) {
            return normed;
        }
        float[] out = new float[rows * hidden];
        weights.projection().apply(normed, rows, out);
        return out;
    }

    private interface RowIndex {
        int of(Batch batch, int row);
    }

    private float[] gather(float[] table, Batch batch, RowIndex index) {
        float[] out = new float[batch.rows() * width];
        for (int row = 0; row < batch.rows(); row++) {
            System.arraycopy(table, index.of(batch, row) * width, out, row * width, width);
        }
        return out;
    }
}
