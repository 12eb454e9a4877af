package dev.tails.eval;

/** Two sentences and their gold similarity. */
public record StsPair(String sentence1, String sentence2, double gold) {
}
