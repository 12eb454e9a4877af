package dev.tails.corpus;

/** Keeps what an evaluation needs of one text's states; index is the text's position in the input list. */
@FunctionalInterface
public interface TextReducer<R> {
    R reduce(int index, TextStates states);
}
