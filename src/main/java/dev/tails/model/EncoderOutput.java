package dev.tails.model;

import java.util.Arrays;

/**
 * Result of a forward pass: hidden state 0 (embeddings) to L (last layer), each [B*T, H] with the
 * batch's padding rows, and the pooled [CLS] vectors [B, H] (null without a pooler). A forward whose
 * hooks keep only the last state ({@link ForwardHooks#lastStateOnly()}) holds that one state alone.
 *
 * @param batch the batch that ran
 * @param hiddenSize H
 * @param hiddenStates states 0..L, each [B*T, H] with padding rows; or only state L
 * @param pooled the pooler's [CLS] vectors [B, H], or null when the model has no pooler
 */
public record EncoderOutput(Batch batch, int hiddenSize, float[][] hiddenStates, float[] pooled) {

    /** {@return L + 1: the embeddings and one state per layer; 1 when only the last was kept} */
    public int numStates() {
        return hiddenStates.length;
    }

    /** {@return the last hidden state [B*T, H] with padding rows, whether or not the others were kept} */
    public float[] lastState() {
        return hiddenStates[hiddenStates.length - 1];
    }

    /**
     * The last hidden state of one sequence, without padding.
     *
     * @param sequence the sequence's index in the batch
     * @return [length, H]
     */
    public float[] lastHidden(int sequence) {
        return hidden(hiddenStates.length - 1, sequence);
    }

    /**
     * One hidden state of one sequence, without padding.
     *
     * @param state 0 (embeddings) to L
     * @param sequence the sequence's index in the batch
     * @return [length, H]
     */
    public float[] hidden(int state, int sequence) {
        int from = sequence * batch.seqLen() * hiddenSize;
        return Arrays.copyOfRange(hiddenStates[state], from, from + batch.length(sequence) * hiddenSize);
    }

    /**
     * All hidden states of one sequence, without padding.
     *
     * @param sequence the sequence's index in the batch
     * @return [states, length, H]
     */
    public float[] allHidden(int sequence) {
        int len = batch.length(sequence) * hiddenSize;
        float[] out = new float[hiddenStates.length * len];
        for (int s = 0; s < hiddenStates.length; s++) {
            System.arraycopy(hiddenStates[s], sequence * batch.seqLen() * hiddenSize, out, s * len, len);
        }
        return out;
    }

    /**
     * The pooled [CLS] vector of one sequence.
     *
     * @param sequence the sequence's index in the batch
     * @return [H], or null when the model has no pooler
     */
    public float[] pooled(int sequence) {
        return pooled == null ? null : Arrays.copyOfRange(pooled, sequence * hiddenSize, (sequence + 1) * hiddenSize);
    }
}
