package dev.tails.tokenize;

/**
 * HF's Metaspace pre-tokenizer: spaces become the replacement ('▁'), a replacement is put in front
 * of the text (always, only for the text's first stretch, or never), and with split on, each
 * replacement starts a new word (MergedWithNext: "▁a▁▁b" -> "▁a", "▁", "▁b").
 */
final class Metaspace {
    enum Prepend { ALWAYS, FIRST, NEVER }

    /** Receives one word: code points [from, to) of the text. */
    interface WordSink {
        void word(NormalizedText text, int from, int to);
    }

    private final int replacement;
    private final Prepend prepend;
    private final boolean split;

    Metaspace(int replacement, Prepend prepend, boolean split) {
        this.replacement = replacement;
        this.prepend = prepend;
        this.split = split;
    }

    /** @param first whether the text starts at offset 0 of the input (not after an added token) */
    void words(NormalizedText text, boolean first, WordSink sink) {
        NormalizedText marked = new NormalizedText();
        boolean prefix = text.size() > 0 && text.cp(0) != ' ' && text.cp(0) != replacement
                && (prepend == Prepend.ALWAYS || prepend == Prepend.FIRST && first);
        if (prefix) {
            // HF's NormalizedString.prepend: the new character takes the span of the first one
            marked.add(replacement, text.start(0), text.end(0));
        }
        for (int i = 0; i < text.size(); i++) {
            marked.add(text.cp(i) == ' ' ? replacement : text.cp(i), text.start(i), text.end(i));
        }
        int wordStart = 0;
        for (int i = 1; split && i < marked.size(); i++) {
            if (marked.cp(i) == replacement) {
                sink.word(marked, wordStart, i);
                wordStart = i;
            }
        }
        if (wordStart < marked.size()) {
            sink.word(marked, wordStart, marked.size());
        }
    }
}
