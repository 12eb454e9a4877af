package dev.tails.eval;

/** One Word-in-Context instance: the target's whitespace-word index in each sentence; gold null when unlabeled. */
public record WicPair(String word, String pos, int index1, int index2, String sentence1, String sentence2,
                      Boolean gold) {
}
