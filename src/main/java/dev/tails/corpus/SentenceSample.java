package dev.tails.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** A deterministic random sample of k indices out of n (all of them when k >= n), in ascending order. */
public final class SentenceSample {
    private SentenceSample() {
    }

    /**
     * Draws the sample; the same seed gives the same indices on every run and machine.
     *
     * @param n the number of indices to draw from, [0, n)
     * @param k the sample size
     * @param seed the seed of the shuffle
     * @return min(k, n) distinct indices, ascending
     */
    public static int[] of(int n, int k, long seed) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, Math.min(k, n)).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Fisher-Yates shuffle in place, so an epoch's order follows the caller's random stream alone.
     *
     * @param order the array to shuffle
     * @param random the source of the swaps
     */
    public static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * The sampled elements of a list, in their original order.
     *
     * @param <T> the element type
     * @param items the list to sample
     * @param k the sample size
     * @param seed the seed of the shuffle
     * @return min(k, items.size()) elements, as {@link #of(int, int, long)} picks their indices
     */
    public static <T> List<T> of(List<T> items, int k, long seed) {
        return IntStream.of(of(items.size(), k, seed)).mapToObj(items::get).toList();
    }
}
