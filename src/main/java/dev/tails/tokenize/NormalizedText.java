package dev.tails.tokenize;

import java.util.Arrays;

/**
 * Normalized code points, each remembering the UTF-16 span of the original character it came
 * from, so tokens found in the normalized text get offsets in the original one.
 */
final class NormalizedText {
    private int[] cps = new int[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int size;

    /** text[from, to) as it is: each code point (a lone surrogate too) spans itself. */
    static NormalizedText of(String text, int from, int to) {
        NormalizedText out = new NormalizedText();
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int end = Math.min(to, i + Character.charCount(cp));
            out.add(cp, i, end);
            i = end;
        }
        return out;
    }

    void add(int cp, int start, int end) {
        if (size == cps.length) {
            cps = Arrays.copyOf(cps, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        cps[size] = cp;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** Appends code point i of another text with its span. */
    void copy(NormalizedText from, int i) {
        add(from.cp(i), from.start(i), from.end(i));
    }

    int size() { return size; }
    int cp(int i) { return cps[i]; }
    int start(int i) { return starts[i]; }
    int end(int i) { return ends[i]; }

    /** Code points [from, to) as a String. */
    String substring(int from, int to) {
        return new String(cps, from, to - from);
    }

    @Override
    public String toString() {
        return substring(0, size);
    }
}
