package dev.tails.tokenize;

/** HF's Strip normalizer: whitespace (Rust's char::is_whitespace) removed from either end. */
record Strip(boolean left, boolean right) implements TextNormalizer {
    @Override
    public NormalizedText normalize(NormalizedText text) {
        int from = 0;
        int to = text.size();
        while (left && from < to && Unicode.isWhitespace(text.cp(from))) {
            from++;
        }
        while (right && to > from && Unicode.isWhitespace(text.cp(to - 1))) {
            to--;
        }
        NormalizedText out = new NormalizedText();
        for (int i = from; i < to; i++) {
            out.copy(text, i);
        }
        return out;
    }
}
