package dev.tails.attribution;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** A neuron or head and its mean contribution over the counted tokens. */
public record UnitMean(int index, double mean) {

    /** The k units of largest |mean|, largest first. */
    public static List<UnitMean> top(double[] means, int k) {
        return IntStream.range(0, means.length)
                .mapToObj(i -> new UnitMean(i, means[i]))
                .sorted(Comparator.comparingDouble((UnitMean u) -> Math.abs(u.mean())).reversed())
                .limit(k)
                .toList();
    }
}
