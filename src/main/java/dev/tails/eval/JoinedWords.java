package dev.tails.eval;

import dev.tails.tokenize.Encoding;

import java.util.List;

/**
 * The words of a pre-tokenized sentence joined by single spaces, remembering where each word starts,
 * so a run of words maps to the sub-tokens that cover it. A "word" may itself hold spaces
 * (a multiword expression such as "belong to"): it is one unit here.
 */
public record JoinedWords(String text, int[] starts, int[] ends) {

    public static JoinedWords of(List<String> words) {
        StringBuilder text = new StringBuilder();
        int[] starts = new int[words.size()];
        int[] ends = new int[words.size()];
        for (int w = 0; w < words.size(); w++) {
            if (w > 0) {
                text.append(' ');
            }
            starts[w] = text.length();
            text.append(words.get(w));
            ends[w] = text.length();
        }
        return new JoinedWords(text.toString(), starts, ends);
    }

    /** Token [from, to) covering words [fromWord, toWord), or null when no token does (cut by truncation). */
    public int[] tokenRange(Encoding encoding, int fromWord, int toWord) {
        return WordSpans.tokenRange(encoding, starts[fromWord], ends[toWord - 1]);
    }
}
