package dev.tails.analysis;

import dev.tails.TailsException;

/** Checks of the arrays a partial file brings back: a hand-edited or truncated file is refused by field. */
final class Partials {
    private Partials() {
    }

    static void copy(long[][] from, long[][] to, String field) {
        shape(from == null ? null : from.length, to.length, field);
        for (int s = 0; s < to.length; s++) {
            shape(from[s] == null ? null : from[s].length, to[s].length, field + "[" + s + "]");
            System.arraycopy(from[s], 0, to[s], 0, to[s].length);
        }
    }

    static void copy(double[][] from, double[][] to, String field) {
        shape(from == null ? null : from.length, to.length, field);
        for (int s = 0; s < to.length; s++) {
            shape(from[s] == null ? null : from[s].length, to[s].length, field + "[" + s + "]");
            System.arraycopy(from[s], 0, to[s], 0, to[s].length);
        }
    }

    static long count(long tokens) {
        if (tokens < 0) {
            throw new TailsException("partial: token count " + tokens + " is negative");
        }
        return tokens;
    }

    private static void shape(Integer length, int expected, String field) {
        if (length == null || length != expected) {
            throw new TailsException("partial: " + field + " holds " + (length == null ? "nothing" : length + " entries")
                    + ", expected " + expected);
        }
    }
}
