package dev.tails.model;

import java.util.Arrays;
import java.util.Objects;

/** A forward pass with the masked-LM head: the encoder's output and logits [B*T, vocab] with the batch's padding rows. */
public record MaskedLmOutput(EncoderOutput encoder, float[] logits, int vocabSize) {

    /** Logits of one sequence without padding: [length, vocab]. */
    public float[] logits(int sequence) {
        int from = sequence * encoder.batch().seqLen() * vocabSize;
        return Arrays.copyOfRange(logits, from, from + encoder.batch().length(sequence) * vocabSize);
    }

    /** Logits at one token of one sequence: [vocab]. */
    public float[] logitsAt(int sequence, int position) {
        Objects.checkIndex(position, encoder.batch().length(sequence));
        int from = (sequence * encoder.batch().seqLen() + position) * vocabSize;
        return Arrays.copyOfRange(logits, from, from + vocabSize);
    }
}
