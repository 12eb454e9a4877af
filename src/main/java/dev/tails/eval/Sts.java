package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unsupervised sentence similarity: sentence vector = mean of its sub-token vectors (with or
 * without [CLS]/[SEP]), similarity = cosine, score = Spearman x 100 against the gold, per layer.
 */
public final class Sts {
    private Sts() {
    }

    /** Spearman x 100 per state [state], for each variant. */
    public static Map<Variant, double[]> spearman(CorpusRunner runner, Clip clip, StsSubset subset, boolean withSpecial,
                                                  Set<Variant> variants, Progress progress) {
        List<String> texts = PairCosines.interleave(subset.pairs(), StsPair::sentence1, StsPair::sentence2);
        Map<Variant, List<float[][]>> vectors = runner.reduce(texts, variants, clip,
                (i, states) -> sentenceVectors(states, withSpecial), progress);
        double[] gold = subset.pairs().stream().mapToDouble(StsPair::gold).toArray();
        Map<Variant, double[]> scores = new EnumMap<>(Variant.class);
        vectors.forEach((v, list) -> scores.put(v, perState(PairCosines.of(list), gold)));
        return scores;
    }

    /** Mean of the token vectors per state: all tokens, or only the text's own (no [CLS]/[SEP]). */
    public static float[][] sentenceVectors(TextStates states, boolean withSpecial) {
        int[] range = withSpecial ? new int[] {0, states.length()} : states.contentRange();
        return states.meanPerState(range[0], range[1]);
    }

    private static double[] perState(double[][] cosines, double[] gold) {
        double[] scores = new double[cosines[0].length];
        for (int s = 0; s < scores.length; s++) {
            double[] cos = new double[gold.length];
            for (int p = 0; p < gold.length; p++) {
                cos[p] = cosines[p][s];
            }
            scores[s] = 100 * Spearman.of(cos, gold);
        }
        return scores;
    }
}
