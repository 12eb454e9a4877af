package dev.tails.tokenize;

/** Names the convention that explains a difference between sentencepiece's and tails' offsets (see UnigramGoldenTest). */
final class OffsetConvention {
    private OffsetConvention() {
    }

    /** "" if equal, the convention's name if one explains the difference, null if none does. */
    static String explain(String text, int spmStart, int spmEnd, int start, int end) {
        boolean sameStart = start == spmStart;
        boolean leading = start < spmStart && vanishes(text, start, spmStart);
        if (!sameStart && !leading) {
            return null;
        }
        String name = leading ? "LEADING" : "";
        if (end == spmEnd) {
            return name;
        }
        if (spmStart == spmEnd && sameStart && end <= characterEnd(text, spmStart)) {
            return name + "EMPTY";
        }
        if (end < spmEnd && vanishes(text, end, spmEnd)) {
            return name + "TRAILING";
        }
        if (end > spmEnd && spmEnd < text.length() && end <= characterEnd(text, spmEnd)) {
            return name + "INSIDE";
        }
        return null;
    }

    /** Whitespace, controls and format characters: what the nmt_nfkc rules delete or fold into a space. */
    private static boolean vanishes(String text, int from, int to) {
        return text.substring(from, to).codePoints().allMatch(c -> Unicode.isWhitespace(c)
                || Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT);
    }

    /** The end of the character at i with the combining marks that follow it: the most one normalization rule reads. */
    private static int characterEnd(String text, int i) {
        int end = i + Character.charCount(text.codePointAt(i));
        while (end < text.length()) {
            int type = Character.getType(text.codePointAt(end));
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                    && type != Character.COMBINING_SPACING_MARK) {
                break;
            }
            end += Character.charCount(text.codePointAt(end));
        }
        return end;
    }
}
