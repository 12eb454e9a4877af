package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

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
        return partial(runner, clip, settings, ItemPart.ALL, progress).result();
    }

    /**
     * The cosines of one part of each subset's pairs: Spearman ranks all of a subset's pairs together, so a
     * part keeps its pairs' cosines and golds (not sums), and the scores are computed once the parts are merged.
     */
    public static StsPartial partial(CorpusRunner runner, Clip clip, Settings settings, ItemPart part, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        Map<String, Map<String, StsPartial.Subset>> sets = new LinkedHashMap<>();
        for (String set : settings.sets()) {
            Map<String, StsPartial.Subset> subsets = new LinkedHashMap<>();
            for (StsSubset subset : StsData.read(settings.data(), set, common.limit())) {
                List<Integer> taken = IntStream.range(0, subset.pairs().size()).filter(part::takes).boxed().toList();
                List<StsPair> pairs = taken.stream().map(subset.pairs()::get).toList();
                progress.stage("sts: " + subset.name() + ", " + pairs.size() + " of " + subset.pairs().size() + " pairs");
                Map<Variant, double[][]> cosines = cosines(runner, clip, pairs, settings.withSpecial(), common.variants(), progress);
                Map<Integer, StsPartial.Pair> held = new TreeMap<>();
                for (int k = 0; k < taken.size(); k++) {
                    Map<Variant, double[]> perVariant = new EnumMap<>(Variant.class);
                    int pair = k;
                    cosines.forEach((v, c) -> perVariant.put(v, c[pair]));
                    held.put(taken.get(k), new StsPartial.Pair(pairs.get(k).gold(), perVariant));
                }
                subsets.put(subset.name(), new StsPartial.Subset(subset.pairs().size(), held));
            }
            sets.put(set, subsets);
        }
        PartialKey key = PartialKey.of(StsPartial.KIND, runner, Map.of("sets", String.join(",", settings.sets()),
                "withSpecial", Boolean.toString(settings.withSpecial()),
                "variants", String.join(",", common.variants().stream().map(Variant::label).toList()),
                "limit", Integer.toString(common.limit()), "seed", Long.toString(common.seed()),
                "clipDims", Arrays.toString(clip.dims()), "parts", Integer.toString(part.count())));
        return new StsPartial(key, new TreeSet<>(Set.of(part.index())), sets, EvalHeader.of(runner, clip, common, start));
    }

    /** A benchmark from its subsets' cosines and golds [pair]: each subset's Spearman, and their mean. */
    static SetResult setResult(Map<String, Map<Variant, double[][]>> cosines, Map<String, double[]> gold) {
        Map<String, Scores> perSubset = new LinkedHashMap<>();
        Map<Variant, double[]> sum = new EnumMap<>(Variant.class);
        cosines.forEach((subset, perVariant) -> {
            Map<Variant, double[]> scores = new EnumMap<>(Variant.class);
            perVariant.forEach((v, c) -> scores.put(v, perState(c, gold.get(subset))));
            scores.forEach((v, s) -> sum.merge(v, s, StsEvaluation::add));
            perSubset.put(subset, new Scores(gold.get(subset).length, LayerScores.of(scores)));
        });
        Map<Variant, double[]> mean = new EnumMap<>(Variant.class);
        sum.forEach((v, s) -> mean.put(v, scale(s, 1.0 / cosines.size())));
        return new SetResult(gold.values().stream().mapToInt(g -> g.length).sum(), LayerScores.of(mean), perSubset);
    }

    /** Cosine per pair and state [pair][state], for each variant. */
    private static Map<Variant, double[][]> cosines(CorpusRunner runner, Clip clip, List<StsPair> pairs, boolean withSpecial,
                                                    Set<Variant> variants, Progress progress) {
        List<String> texts = PairCosines.interleave(pairs, StsPair::sentence1, StsPair::sentence2);
        Map<Variant, List<float[][]>> vectors = runner.reduce(texts, variants, clip,
                (i, states) -> sentenceVectors(states, withSpecial), progress);
        Map<Variant, double[][]> cosines = new EnumMap<>(Variant.class);
        vectors.forEach((v, list) -> cosines.put(v, PairCosines.of(list)));
        return cosines;
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
