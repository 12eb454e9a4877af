package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps words of a whitespace-tokenized text to the sub-tokens that cover them, through the
 * encoding's UTF-16 offsets: a word's tokens are the non-special ones whose offsets lie in its span.
 */
public final class WordSpans {
    private WordSpans() {
    }

    /** Char [start, end) of each whitespace-separated word. */
    public static int[][] wordChars(String text) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                spans.add(new int[] {start, i});
            }
        }
        return spans.toArray(int[][]::new);
    }

    /** Token [from, to) of every word. */
    public static int[][] tokenRanges(String text, Encoding encoding) {
        int[][] chars = wordChars(text);
        int[][] ranges = new int[chars.length][];
        for (int w = 0; w < chars.length; w++) {
            ranges[w] = covering(text, encoding, chars, w);
        }
        return ranges;
    }

    /** Token [from, to) of the word with this index. */
    public static int[] tokenRange(String text, Encoding encoding, int wordIndex) {
        int[][] chars = wordChars(text);
        if (wordIndex < 0 || wordIndex >= chars.length) {
            throw new TailsException("word index " + wordIndex + " is outside \"" + text + "\" ("
                    + chars.length + " words)");
        }
        return covering(text, encoding, chars, wordIndex);
    }

    /** A word no token covers (cut by truncation) is an error. */
    private static int[] covering(String text, Encoding encoding, int[][] chars, int w) {
        int[] range = tokenRange(encoding, chars[w][0], chars[w][1]);
        if (range == null) {
            throw new TailsException("word " + w + " ('" + text.substring(chars[w][0], chars[w][1])
                    + "') of \"" + text + "\" has no sub-token (text truncated?)");
        }
        return range;
    }

    /** Token [from, to) of the non-special tokens inside chars [start, end), or null when there are none. */
    public static int[] tokenRange(Encoding e, int start, int end) {
        int from = -1;
        int to = -1;
        for (int t = 0; t < e.length(); t++) {
            boolean inside = e.specialTokensMask()[t] == 0 && e.offsetStarts()[t] >= start && e.offsetEnds()[t] <= end
                    && e.offsetEnds()[t] > e.offsetStarts()[t];
            if (inside) {
                from = from < 0 ? t : from;
                to = t + 1;
            }
        }
        return from < 0 ? null : new int[] {from, to};
    }
}
