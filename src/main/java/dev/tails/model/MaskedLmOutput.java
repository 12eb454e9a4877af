package dev.tails.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A forward pass with the masked-LM head: the encoder's output and logits [B*T, vocab] with the batch's padding rows.
 *
 * @param encoder the encoder's output, with the batch it ran
 * @param logits the head's logits, [B*T, vocab] row-major, padding rows included
 * @param vocabSize the vocabulary size
 */
public record MaskedLmOutput(EncoderOutput encoder, float[] logits, int vocabSize) {

    /**
     * Logits of one sequence without padding.
     *
     * @param sequence the sequence's index in the batch
     * @return a copy, [length, vocab] row-major
     */
    public float[] logits(int sequence) {
        int from = sequence * encoder.batch().seqLen() * vocabSize;
        return Arrays.copyOfRange(logits, from, from + encoder.batch().length(sequence) * vocabSize);
    }

    /**
     * Logits at one token of one sequence.
     *
     * @param sequence the sequence's index in the batch
     * @param position the token's index in the sequence
     * @return a copy, [vocab]
     * @throws IndexOutOfBoundsException if the position is outside the sequence's length
     */
    public float[] logitsAt(int sequence, int position) {
        Objects.checkIndex(position, encoder.batch().length(sequence));
        int from = (sequence * encoder.batch().seqLen() + position) * vocabSize;
        return Arrays.copyOfRange(logits, from, from + vocabSize);
    }
}
