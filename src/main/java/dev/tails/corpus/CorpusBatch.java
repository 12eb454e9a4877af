package dev.tails.corpus;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;

/** One batch a {@link CorpusRunner} ran: sequence b of the output is text {@code texts[b]} of the corpus. */
public record CorpusBatch(TokenizedCorpus corpus, int[] texts, EncoderOutput output) {

    public int size() {
        return texts.length;
    }

    /** The corpus index of the text in sequence {@code sequence}. */
    public int text(int sequence) {
        return texts[sequence];
    }

    public Batch batch() {
        return output.batch();
    }

    /** Hidden states 0..L of one sequence, padding removed. */
    public TextStates states(int sequence) {
        float[][] states = new float[output.numStates()][];
        for (int s = 0; s < states.length; s++) {
            states[s] = output.hidden(s, sequence);
        }
        int text = texts[sequence];
        return new TextStates(corpus.text(text), corpus.encoding(text), states, output.hiddenSize());
    }

    /** Hands every counted token to the visitor, with the offset of its row in every hidden state. */
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
        void visit(int text, int position, int offset);
    }
}
