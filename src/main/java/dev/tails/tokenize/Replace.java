package dev.tails.tokenize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HF's Replace normalizer: every match of a pattern (a literal string or a regex) becomes the
 * content; the content's code points span everything the match covered in the original.
 */
final class Replace implements TextNormalizer {
    private final Pattern pattern;
    private final int[] content;

    Replace(Pattern pattern, String content) {
        this.pattern = pattern;
        this.content = content.codePoints().toArray();
    }

    @Override
    public NormalizedText normalize(NormalizedText text) {
        String s = text.toString();
        Matcher m = pattern.matcher(s);
        NormalizedText out = new NormalizedText();
        int cp = 0;
        int at = 0;
        while (m.find()) {
            int from = cp + s.codePointCount(at, m.start());
            int to = from + s.codePointCount(m.start(), m.end());
            for (; cp < from; cp++) {
                out.copy(text, cp);
            }
            int start = from < text.size() ? text.start(from) : spanEnd(text);
            int end = to > from ? text.end(to - 1) : start;
            for (int c : content) {
                out.add(c, start, end);
            }
            cp = to;
            at = m.end();
        }
        for (; cp < text.size(); cp++) {
            out.copy(text, cp);
        }
        return out;
    }

    private static int spanEnd(NormalizedText text) {
        return text.size() == 0 ? 0 : text.end(text.size() - 1);
    }
}
