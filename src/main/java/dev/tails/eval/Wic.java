package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Cosine;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WiC by threshold: a pair is "same sense" when the cosine of the target word's vectors (its
 * sub-tokens averaged) in the two sentences is at least the threshold; accuracy per layer for
 * thresholds 0.1..0.9.
 */
public final class Wic {
    public static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** A layer and threshold with the accuracy they reach (in [0, 1]). */
    public record Choice(int layer, double threshold, double accuracy) {
    }

    private Wic() {
    }

    /** Cosine per pair and layer [pair][state], for each variant. */
    public static Map<Variant, double[][]> cosines(CorpusRunner runner, Clip clip, List<WicPair> pairs, Set<Variant> variants,
                                                   Progress progress) {
        List<String> texts = PairCosines.interleave(pairs, WicPair::sentence1, WicPair::sentence2);
        Map<Variant, List<float[][]>> vectors = runner.reduce(texts, variants, clip, (i, states) -> {
            WicPair p = pairs.get(i / 2);
            int[] range = WordSpans.tokenRange(states.text(), states.encoding(), i % 2 == 0 ? p.index1() : p.index2());
            return states.meanPerState(range[0], range[1]);
        }, progress);
        Map<Variant, double[][]> cosines = new EnumMap<>(Variant.class);
        vectors.forEach((v, list) -> cosines.put(v, PairCosines.of(list)));
        return cosines;
    }

    /** Accuracy [state][threshold index] against the gold labels. */
    public static double[][] accuracyGrid(double[][] cosines, List<WicPair> pairs) {
        int states = cosines[0].length;
        double[][] grid = new double[states][THRESHOLDS.length];
        for (int s = 0; s < states; s++) {
            for (int t = 0; t < THRESHOLDS.length; t++) {
                grid[s][t] = accuracy(cosines, pairs, s, THRESHOLDS[t]);
            }
        }
        return grid;
    }

    /** The best cell of a grid; ties go to the lower layer, then the lower threshold. */
    public static Choice best(double[][] grid) {
        Choice best = null;
        for (int s = 0; s < grid.length; s++) {
            for (int t = 0; t < THRESHOLDS.length; t++) {
                if (best == null || grid[s][t] > best.accuracy()) {
                    best = new Choice(s, THRESHOLDS[t], grid[s][t]);
                }
            }
        }
        return best;
    }

    public static boolean predict(double[][] cosines, int pair, Choice choice) {
        return cosines[pair][choice.layer()] >= choice.threshold();
    }

    public static double accuracy(double[][] cosines, List<WicPair> pairs, int state, double threshold) {
        Choice choice = new Choice(state, threshold, Double.NaN);
        int correct = 0;
        for (int p = 0; p < pairs.size(); p++) {
            if (predict(cosines, p, choice) == pairs.get(p).gold()) {
                correct++;
            }
        }
        return (double) correct / pairs.size();
    }

    /** Per layer, the accuracy of its best threshold, in percent. */
    public static double[] bestPerLayer(double[][] grid) {
        double[] best = new double[grid.length];
        for (int s = 0; s < grid.length; s++) {
            for (double a : grid[s]) {
                best[s] = Math.max(best[s], 100 * a);
            }
        }
        return best;
    }
}
