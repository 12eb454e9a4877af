package dev.tails.eval;

/** A text with a class label (0-based). */
public record LabeledText(String text, int label) {
}
