package dev.tails.corpus;

import dev.tails.tokenize.Encoding;

/**
 * One text's hidden states 0..L (0 = embeddings), each [tokens, hidden], with the encoding they came from.
 *
 * @param text the text
 * @param encoding the text's encoding, one token per row of each state
 * @param states the hidden states 0..L, each [tokens, hidden] row-major
 * @param hiddenSize the hidden size
 */
public record TextStates(String text, Encoding encoding, float[][] states, int hiddenSize) {

    /**
     * The number of hidden states.
     *
     * @return L + 1 (the embeddings and each block's output), or 1 from a forward that kept only the last
     */
    public int numStates() {
        return states.length;
    }

    /**
     * The number of tokens, special tokens included.
     *
     * @return the encoding's length
     */
    public int length() {
        return encoding.length();
    }

    /**
     * Mean of the token vectors of one state over token indices [from, to).
     *
     * @param state the state, 0 = embeddings
     * @param from the first token
     * @param to one past the last token
     * @return the mean vector, of the hidden size
     */
    public float[] mean(int state, int from, int to) {
        float[] sum = new float[hiddenSize];
        float[] rows = states[state];
        for (int t = from; t < to; t++) {
            for (int d = 0; d < hiddenSize; d++) {
                sum[d] += rows[t * hiddenSize + d];
            }
        }
        for (int d = 0; d < hiddenSize; d++) {
            sum[d] /= (to - from);
        }
        return sum;
    }

    /**
     * Mean per state over token indices [from, to).
     *
     * @param from the first token
     * @param to one past the last token
     * @return the means, [states][hidden]
     */
    public float[][] meanPerState(int from, int to) {
        float[][] out = new float[states.length][];
        for (int s = 0; s < states.length; s++) {
            out[s] = mean(s, from, to);
        }
        return out;
    }

    /**
     * The range of the text's own tokens, without the special tokens at either end.
     *
     * @return the index of the first and one past the last non-special token ([CLS] a b [SEP] -&gt; [1, 3))
     */
    public int[] contentRange() {
        int[] special = encoding.specialTokensMask();
        int from = 0;
        int to = special.length;
        while (from < to && special[from] == 1) {
            from++;
        }
        while (to > from && special[to - 1] == 1) {
            to--;
        }
        return new int[] {from, to};
    }

    /**
     * A copy with the clip's dims zeroed in every state.
     *
     * @param clip the dims to zero
     * @return the clipped copy; this one is unchanged
     */
    public TextStates clipped(Clip clip) {
        float[][] copy = new float[states.length][];
        for (int s = 0; s < copy.length; s++) {
            copy[s] = states[s].clone();
            clip.clipRows(copy[s]);
        }
        return new TextStates(text, encoding, copy, hiddenSize);
    }
}
