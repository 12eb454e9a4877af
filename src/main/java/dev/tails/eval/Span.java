package dev.tails.eval;

/** Words [from, to) of a sentence. */
public record Span(int from, int to) {
    public int length() {
        return to - from;
    }
}
