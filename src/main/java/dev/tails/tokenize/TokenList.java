package dev.tails.tokenize;

import java.util.Arrays;

/** Growable columns of tokens with their offsets, filled by the models before post-processing. */
final class TokenList {
    private int[] ids = new int[16];
    private String[] tokens = new String[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int size;

    void add(int id, String token, int start, int end) {
        if (size == ids.length) {
            int cap = size * 2;
            ids = Arrays.copyOf(ids, cap);
            tokens = Arrays.copyOf(tokens, cap);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
        }
        ids[size] = id;
        tokens[size] = token;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    int size() { return size; }
    int id(int i) { return ids[i]; }
    String token(int i) { return tokens[i]; }
    int start(int i) { return starts[i]; }
    int end(int i) { return ends[i]; }

    /** Drops the tokens from {@code newSize} on (a word that turned out to be unknown). */
    void truncate(int newSize) {
        size = newSize;
    }
}
