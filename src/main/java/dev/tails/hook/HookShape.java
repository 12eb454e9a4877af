package dev.tails.hook;

import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

/**
 * The sizes that give each {@link HookPoint.Layout} its shape: hidden H, embedding width E, neurons I,
 * heads, head dim dh and vocabulary.
 *
 * @param hidden the hidden size H
 * @param embedding the embedding width E (H unless the model factorizes its embeddings)
 * @param neurons the feed-forward width I
 * @param heads the number of attention heads
 * @param headDim the size dh of one head
 * @param vocab the vocabulary size
 */
public record HookShape(int hidden, int embedding, int neurons, int heads, int headDim, int vocab) {

    /**
     * The sizes of one model.
     *
     * @param config the model's config
     * @return its hook shapes
     */
    public static HookShape of(ModelConfig config) {
        return new HookShape(config.hiddenSize(), config.embeddingSize(), config.intermediateSize(), config.numHeads(),
                config.headDim(), config.vocabSize());
    }

    /**
     * Floats per token row for the row layouts ([B*T, width]), to size a buffer of hooked rows.
     *
     * @param layout a row layout
     * @return the row's width
     * @throws IllegalArgumentException for ATTENTION, which has no token rows
     */
    public int rowWidth(HookPoint.Layout layout) {
        return switch (layout) {
            case HIDDEN -> hidden;
            case EMBEDDING -> embedding;
            case NEURONS -> neurons;
            case HEADS -> heads * headDim;
            case HEAD_RESULTS -> heads * hidden;
            case VOCAB -> vocab;
            case ATTENTION -> throw new IllegalArgumentException("ATTENTION is laid out [B, heads, T, T], not by token rows");
        };
    }

    /**
     * The shape of one sequence's hooked tensor, padding removed, as the hook table gives it.
     *
     * @param layout the hook point's layout
     * @param length the sequence's token count
     * @return the shape, e.g. [length, heads, headDim]
     */
    public int[] perSequence(HookPoint.Layout layout, int length) {
        return switch (layout) {
            case HIDDEN -> new int[] {length, hidden};
            case EMBEDDING -> new int[] {length, embedding};
            case NEURONS -> new int[] {length, neurons};
            case HEADS -> new int[] {length, heads, headDim};
            case HEAD_RESULTS -> new int[] {length, heads, hidden};
            case VOCAB -> new int[] {length, vocab};
            case ATTENTION -> new int[] {heads, length, length};
        };
    }

    /**
     * The shape of one sequence with its token count written as T, for the hook table.
     *
     * @param layout the hook point's layout
     * @return the shape as text, e.g. "[T, 12, 64]"
     */
    public String describe(HookPoint.Layout layout) {
        int[] shape = perSequence(layout, -1);
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i] == -1 ? "T" : Integer.toString(shape[i]));
        }
        return text.append("]").toString();
    }
}
