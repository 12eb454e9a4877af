package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unsupervised sentence similarity: sentence vector = mean of its sub-token vectors (with or
 * without [CLS]/[SEP]), similarity = cosine, score = Spearman x 100 against the gold, per layer.
 * A benchmark with several subsets (STS12-16) scores the mean over them (SentEval's "all" mean).
 */
public final class StsEvaluation {

    /** data: the senteval folder (STS/, SICK/); sets: names of {@link StsData#SETS}, run in this order. */
    public record Settings(EvalSettings common, Path data, List<String> sets, boolean withSpecial) {
        public Settings {
            if (sets.isEmpty()) {
                throw new TailsException("no STS set to run (" + String.join(", ", StsData.SETS) + ")");
            }
            for (String set : sets) {
                if (!StsData.SETS.contains(set)) {
                    throw new TailsException("unknown STS set '" + set + "' (" + String.join(", ", StsData.SETS) + ")");
                }
            }
            sets = List.copyOf(sets);
        }
    }

    /** Spearman x 100 per layer of one subset. */
    public record Scores(int pairs, Map<Variant, LayerScores> spearman) {
    }

    /** One benchmark: its pairs over all subsets, the mean of its subsets' scores, and each subset's. */
    public record SetResult(int pairs, Map<Variant, LayerScores> spearman, Map<String, Scores> subsets) {
    }

    /** Benchmarks in the order run. */
    public record Result(EvalHeader header, boolean withSpecial, Map<String, SetResult> sets) implements EvalResult {
        @Override
        public String fileName() {
            return "sts";
        }
    }

    private StsEvaluation() {
    }

    public static Result run(CorpusRunner runner, Clip clip, Settings settings, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        Map<String, SetResult> sets = new LinkedHashMap<>();
        for (String set : settings.sets()) {
            List<StsSubset> subsets = StsData.read(settings.data(), set, common.limit());
            Map<String, Scores> perSubset = new LinkedHashMap<>();
            Map<Variant, double[]> sum = new EnumMap<>(Variant.class);
            for (StsSubset subset : subsets) {
                progress.stage("sts: " + subset.name() + ", " + subset.pairs().size() + " pairs");
                Map<Variant, double[]> scores = spearman(runner, clip, subset, settings.withSpecial(), common.variants(), progress);
                scores.forEach((v, s) -> sum.merge(v, s, StsEvaluation::add));
                perSubset.put(subset.name(), new Scores(subset.pairs().size(), LayerScores.of(scores)));
            }
            Map<Variant, double[]> mean = new EnumMap<>(Variant.class);
            sum.forEach((v, s) -> mean.put(v, scale(s, 1.0 / subsets.size())));
            sets.put(set, new SetResult(subsets.stream().mapToInt(s -> s.pairs().size()).sum(), LayerScores.of(mean), perSubset));
        }
        return new Result(EvalHeader.of(runner, clip, common, start), settings.withSpecial(), sets);
    }

    /** Spearman x 100 per state [state], for each variant. */
    private static Map<Variant, double[]> spearman(CorpusRunner runner, Clip clip, StsSubset subset, boolean withSpecial,
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
    static float[][] sentenceVectors(TextStates states, boolean withSpecial) {
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

    private static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static double[] scale(double[] a, double factor) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
