package dev.tails.tokenize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens matched literally in the raw text before any model sees it ([CLS], &lt;mask&gt;, ...),
 * leftmost-longest as Hugging Face's added vocabulary; lstrip/rstrip tokens also swallow the
 * whitespace on that side, which then belongs to the token.
 */
final class AddedTokens {
    /** special: dropped by decode(skip_special_tokens) ([CLS], [UNK], &lt;mask&gt;, ...). */
    record Added(String content, int id, boolean lstrip, boolean rstrip, boolean special) {
    }

    /** Receives the text between matches and the matches themselves, in order. */
    interface Sink {
        void text(int from, int to);

        void token(int id, String token, int from, int to);
    }

    /** Candidates by first char, longest first. */
    private final Map<Character, List<Added>> byFirstChar = new HashMap<>();

    AddedTokens(List<Added> tokens) {
        for (Added t : tokens) {
            if (!t.content().isEmpty()) {
                byFirstChar.computeIfAbsent(t.content().charAt(0), c -> new ArrayList<>()).add(t);
            }
        }
        byFirstChar.values().forEach(l -> l.sort(Comparator.comparingInt((Added t) -> t.content().length()).reversed()));
    }

    void split(String text, Sink sink) {
        int done = 0;
        for (int i = 0; i < text.length(); i++) {
            Added match = matchAt(text, i);
            if (match == null) {
                continue;
            }
            int from = i;
            int to = i + match.content().length();
            if (match.lstrip()) {
                while (from > done && Unicode.isWhitespace(text.charAt(from - 1))) {
                    from--;
                }
            }
            if (match.rstrip()) {
                while (to < text.length() && Unicode.isWhitespace(text.charAt(to))) {
                    to++;
                }
            }
            if (done < from) {
                sink.text(done, from);
            }
            sink.token(match.id(), text.substring(from, to), from, to);
            done = to;
            i = to - 1;
        }
        if (done < text.length()) {
            sink.text(done, text.length());
        }
    }

    private Added matchAt(String text, int i) {
        List<Added> candidates = byFirstChar.get(text.charAt(i));
        if (candidates != null) {
            for (Added t : candidates) {
                if (text.startsWith(t.content(), i)) {
                    return t;
                }
            }
        }
        return null;
    }
}
