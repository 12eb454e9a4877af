package dev.tails.corpus;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;

/**
 * One batch a {@link CorpusRunner} ran: sequence b of the output is text {@code texts[b]} of the corpus.
 *
 * @param corpus the corpus the texts are from
 * @param texts the corpus index of each sequence of the batch
 * @param output the forward's output for the batch
 */
public record CorpusBatch(TokenizedCorpus corpus, int[] texts, EncoderOutput output) {

    /**
     * The number of sequences in the batch.
     *
     * @return the batch size
     */
    public int size() {
        return texts.length;
    }

    /**
     * The corpus index of the text in one sequence.
     *
     * @param sequence the sequence's index in the batch
     * @return the text's index in the corpus
     */
    public int text(int sequence) {
        return texts[sequence];
    }

    /**
     * The batch the forward ran: token ids, lengths and the padded sequence length.
     *
     * @return the batch
     */
    public Batch batch() {
        return output.batch();
    }

    /**
     * Hidden states 0..L of one sequence, padding removed.
     *
     * @param sequence the sequence's index in the batch
     * @return the text's states, with its text and encoding
     */
    public TextStates states(int sequence) {
        float[][] states = new float[output.numStates()][];
        for (int s = 0; s < states.length; s++) {
            states[s] = output.hidden(s, sequence);
        }
        int text = texts[sequence];
        return new TextStates(corpus.text(text), corpus.encoding(text), states, output.hiddenSize());
    }

    /**
     * Hands every counted token to the visitor, with the offset of its row in every hidden state.
     *
     * @param visitor called once per counted token, in batch order
     */
    public void forEachToken(TokenVisitor visitor) {
        Batch batch = output.batch();
        for (int seq = 0; seq < batch.size(); seq++) {
            for (int pos = 0; pos < batch.length(seq); pos++) {
                if (corpus.counts(texts[seq], pos)) {
                    visitor.visit(texts[seq], pos, (seq * batch.seqLen() + pos) * output.hiddenSize());
                }
            }
        }
    }

    /** A counted token: its text, its position, and the offset of its row in every hidden state. */
    @FunctionalInterface
    public interface TokenVisitor {
        /**
         * Visits one counted token.
         *
         * @param text the token's text, as a corpus index
         * @param position the token's position in its sequence
         * @param offset the offset of the token's row in every hidden state of the batch
         */
        void visit(int text, int position, int offset);
    }
}
