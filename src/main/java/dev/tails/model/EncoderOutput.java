package dev.tails.model;

import java.util.Arrays;

/**
 * Result of a forward pass: hidden state 0 (embeddings) to L (last layer), each [B*T, H] with the
 * batch's padding rows, and the pooled [CLS] vectors [B, H] (null without a pooler).
 */
public record EncoderOutput(Batch batch, int hiddenSize, float[][] hiddenStates, float[] pooled) {

    public int numStates() {
        return hiddenStates.length;
    }

    /** Hidden state {@code state} of one sequence without padding: [length, H]. */
    public float[] hidden(int state, int sequence) {
        int from = sequence * batch.seqLen() * hiddenSize;
        return Arrays.copyOfRange(hiddenStates[state], from, from + batch.length(sequence) * hiddenSize);
    }

    /** All hidden states of one sequence without padding: [states, length, H]. */
    public float[] allHidden(int sequence) {
        int len = batch.length(sequence) * hiddenSize;
        float[] out = new float[hiddenStates.length * len];
        for (int s = 0; s < hiddenStates.length; s++) {
            System.arraycopy(hiddenStates[s], sequence * batch.seqLen() * hiddenSize, out, s * len, len);
        }
        return out;
    }

    public float[] pooled(int sequence) {
        return pooled == null ? null : Arrays.copyOfRange(pooled, sequence * hiddenSize, (sequence + 1) * hiddenSize);
    }
}
