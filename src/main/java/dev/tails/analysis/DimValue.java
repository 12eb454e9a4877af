package dev.tails.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** A hidden dim and one number measured for it. */
public record DimValue(int dim, double value) {

    /** The k dims of largest value, largest first (NaN values left out; ties: lower dim first). */
    public static List<DimValue> top(double[] values, int k) {
        return IntStream.range(0, values.length).filter(d -> !Double.isNaN(values[d]))
                .mapToObj(d -> new DimValue(d, values[d]))
                .sorted(Comparator.comparingDouble(DimValue::value).reversed())
                .limit(k)
                .toList();
    }
}
