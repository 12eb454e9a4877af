package dev.tails.corpus;

/**
 * Keeps what an evaluation needs of one text's states, so a pass over a corpus holds one small result
 * per text instead of every hidden state.
 *
 * @param <R> what is kept of one text
 */
@FunctionalInterface
public interface TextReducer<R> {
    /**
     * Reduces one text's states.
     *
     * @param index the text's position in the input list
     * @param states the text's hidden states, padding removed
     * @return what is kept of the text
     */
    R reduce(int index, TextStates states);
}
