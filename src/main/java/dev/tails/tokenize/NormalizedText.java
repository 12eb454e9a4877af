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

    int size() { return size; }
    int cp(int i) { return cps[i]; }
    int start(int i) { return starts[i]; }
    int end(int i) { return ends[i]; }

    /** Code points [from, to) as a String. */
    String substring(int from, int to) {
        return new String(cps, from, to - from);
    }
}
