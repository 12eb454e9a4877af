package dev.tails.tokenize;

import java.text.Normalizer;

/**
 * BERT's text normalizer and pre-tokenizer (HF BertNormalizer + BertPreTokenizer): cleans the text,
 * isolates CJK ideographs, optionally strips accents and lowercases, then cuts words at whitespace
 * and around every punctuation character.
 */
final class BasicTokenizer {
    /** Receives one word: code points [from, to) of the normalized text. */
    interface WordSink {
        void word(NormalizedText text, int from, int to);
    }

    private final boolean cleanText;
    private final boolean splitCjk;
    private final boolean stripAccents;
    private final boolean lowercase;

    BasicTokenizer(boolean cleanText, boolean splitCjk, boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.splitCjk = splitCjk;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    void words(String text, int from, int to, WordSink sink) {
        NormalizedText norm = normalize(text, from, to);
        int wordStart = 0;
        for (int i = 0; i < norm.size(); i++) {
            int cp = norm.cp(i);
            boolean space = Unicode.isWhitespace(cp);
            if (space || Unicode.isPunctuation(cp)) {
                if (wordStart < i) {
                    sink.word(norm, wordStart, i);
                }
                if (!space) {
                    sink.word(norm, i, i + 1);
                }
                wordStart = i + 1;
            }
        }
        if (wordStart < norm.size()) {
            sink.word(norm, wordStart, norm.size());
        }
    }

    /** The HF order: clean, pad CJK, strip accents, then lowercase, one original character at a time. */
    NormalizedText normalize(String text, int from, int to) {
        NormalizedText out = new NormalizedText();
        for (int next = from; next < to; ) {
            final int start = next;
            int cp = text.codePointAt(start);
            final int end = start + Character.charCount(cp);
            next = end;
            if (cleanText && (cp == 0 || cp == 0xFFFD || Unicode.isControl(cp))) {
                continue;
            }
            if (cleanText && Unicode.isWhitespace(cp)) {
                cp = ' ';
            }
            if (splitCjk && Unicode.isCjkIdeograph(cp)) {
                out.add(' ', start, end);
                out.add(cp, start, end);
                out.add(' ', start, end);
            } else if (stripAccents && cp >= 0xC0) {
                // NFD then drop the nonspacing marks: é -> e, Hangul syllables -> Jamo
                String nfd = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
                nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                        .forEach(c -> addCased(out, c, start, end));
            } else {
                addCased(out, cp, start, end);
            }
        }
        return out;
    }

    private void addCased(NormalizedText out, int cp, int start, int end) {
        if (!lowercase || cp < 'A') {
            out.add(cp, start, end);
        } else if (cp == 0x130) {
            // the one unconditional multi-character lowercase mapping in Unicode: İ -> i + combining dot
            out.add('i', start, end);
            out.add(0x307, start, end);
        } else {
            out.add(Character.toLowerCase(cp), start, end);
        }
    }
}
