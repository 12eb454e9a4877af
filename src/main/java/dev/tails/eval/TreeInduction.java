package dev.tails.eval;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntBinaryOperator;

/**
 * Unsupervised binary trees over n words and their scoring (Kim et al. 2020): split a span
 * top-down at the largest syntactic distance between adjacent words. Every method returns the
 * non-trivial spans only (length >= 2, not the whole sentence), as the evaluation counts them.
 */
public final class TreeInduction {
    private TreeInduction() {
    }

    /** distances[i] separates word i from word i+1; ties split at the leftmost maximum. */
    public static Set<Span> topDown(double[] distances) {
        return build(distances.length + 1, (from, to) -> maxGap(distances, from, to));
    }

    /** A uniformly random split point at every node. */
    public static Set<Span> random(int words, Random random) {
        return build(words, (from, to) -> from + 1 + random.nextInt(to - from - 1));
    }

    /** (w0 (w1 (w2 ...))). */
    public static Set<Span> rightBranching(int words) {
        return build(words, (from, to) -> from + 1);
    }

    /** Splits [0, words) top-down; cut gives where the right part of [from, to) starts. */
    private static Set<Span> build(int words, IntBinaryOperator cut) {
        Set<Span> spans = new LinkedHashSet<>();
        split(0, words, words, cut, spans);
        return spans;
    }

    private static void split(int from, int to, int words, IntBinaryOperator cut, Set<Span> spans) {
        if (to - from < 2) {
            return;
        }
        if (to - from < words) {
            spans.add(new Span(from, to));
        }
        int at = cut.applyAsInt(from, to);
        split(from, at, words, cut, spans);
        split(at, to, words, cut, spans);
    }

    /** The word index where the right part starts: after the largest gap inside [from, to). */
    private static int maxGap(double[] distances, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to - 1; i++) {
            if (distances[i] > distances[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    /** Sentence-level F1 of two span sets; 0 when nothing overlaps. */
    public static double f1(Set<Span> gold, Set<Span> predicted) {
        long overlap = predicted.stream().filter(gold::contains).count();
        if (overlap == 0) {
            return 0;
        }
        double precision = (double) overlap / predicted.size();
        double recall = (double) overlap / gold.size();
        return 2 * precision * recall / (precision + recall);
    }
}
