package dev.tails.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * WiC by threshold: a pair is "same sense" when the cosine of the target word's vectors (its
 * sub-tokens averaged) in the two sentences is at least the threshold. Accuracy per layer for
 * thresholds 0.1..0.9; the layer and threshold are chosen on train and scored on the split.
 */
public final class WicEvaluation {
    private static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final List<String> SPLITS = List.of("train", "dev", "test");

    /** data: the WiC folder (train/, dev/, test/); trainLimit: train pairs to choose on (0 = all). */
    public record Settings(EvalSettings common, Path data, String split, int trainLimit) {
        public Settings {
            if (!SPLITS.contains(split)) {
                throw new TailsException("split must be train, dev or test, not '" + split + "'");
            }
            if (trainLimit < 0) {
                throw new TailsException("train limit must be 0 (all) or more, got " + trainLimit);
            }
        }
    }

    /** A layer and threshold with the accuracy they reach (in [0, 1]). */
    public record Choice(int layer, double threshold, double accuracy) {
    }

    /**
     * One variant: the layer and threshold chosen on train, the T/F prediction for each pair of the split
     * they give, and on a labeled split also their accuracy there, the split's own best and its whole grid
     * [state][threshold].
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariantResult(Choice chosenOnTrain, String predictions, Double accuracyOfTrainChoice,
                                Choice bestOnSplit, double[][] accuracyGrid) {
    }

    /** bestThresholdAccuracyPerLayer (percent) is null on an unlabeled split. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(EvalHeader header, String split, int pairs, int trainPairs,
                         Map<Variant, LayerScores> bestThresholdAccuracyPerLayer,
                         Map<Variant, VariantResult> choices) implements EvalResult {
        @Override
        public String fileName() {
            return "wic";
        }
    }

    private WicEvaluation() {
    }

    public static Result run(CorpusRunner runner, Clip clip, Settings settings, Progress progress) {
        return partial(runner, clip, settings, ItemPart.ALL, progress).result();
    }

    /**
     * The cosines of one part of the split's pairs and of the train pairs: the layer and threshold are chosen
     * on all train pairs and the predictions need every pair's cosine, so a part keeps per-pair values.
     */
    public static WicPartial partial(CorpusRunner runner, Clip clip, Settings settings, ItemPart part, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        List<WicPair> pairs = WicData.read(settings.data(), settings.split(), common.limit());
        progress.stage("wic: " + settings.split() + " pairs " + part.index() + ", +" + part.count() + ", ... of " + pairs.size());
        WicPartial.Pairs split = held(runner, clip, pairs, part, common.variants(), progress);
        WicPartial.Pairs train = null;
        if (!settings.split().equals("train")) {
            List<WicPair> trainPairs = WicData.read(settings.data(), "train", settings.trainLimit());
            progress.stage("wic: train pairs to choose layer and threshold, " + trainPairs.size() + " in all");
            train = held(runner, clip, trainPairs, part, common.variants(), progress);
        }
        PartialKey key = PartialKey.of(WicPartial.KIND, runner, Map.of("split", settings.split(),
                "trainLimit", Integer.toString(settings.trainLimit()),
                "variants", String.join(",", common.variants().stream().map(Variant::label).toList()),
                "limit", Integer.toString(common.limit()), "seed", Long.toString(common.seed()),
                "clipDims", Arrays.toString(clip.dims()), "parts", Integer.toString(part.count())));
        return new WicPartial(key, new TreeSet<>(Set.of(part.index())), split, train, EvalHeader.of(runner, clip, common, start));
    }

    private static WicPartial.Pairs held(CorpusRunner runner, Clip clip, List<WicPair> pairs, ItemPart part,
                                         Set<Variant> variants, Progress progress) {
        List<Integer> taken = IntStream.range(0, pairs.size()).filter(part::takes).boxed().toList();
        Map<Variant, double[][]> cosines = cosines(runner, clip, taken.stream().map(pairs::get).toList(), variants, progress);
        Map<Integer, WicPartial.Pair> held = new TreeMap<>();
        for (int k = 0; k < taken.size(); k++) {
            Map<Variant, double[]> perVariant = new EnumMap<>(Variant.class);
            int pair = k;
            cosines.forEach((v, c) -> perVariant.put(v, c[pair]));
            held.put(taken.get(k), new WicPartial.Pair(pairs.get(taken.get(k)).gold(), perVariant));
        }
        return new WicPartial.Pairs(pairs.size(), held);
    }

    /** The result from every pair's cosines [pair][state] and gold (null: unlabeled), on the split and on train. */
    static Result result(EvalHeader header, String split, Map<Variant, double[][]> cosines, Boolean[] gold,
                         Map<Variant, double[][]> trainCosines, Boolean[] trainGold) {
        boolean labeled = gold[0] != null;
        Map<Variant, double[]> perLayer = new EnumMap<>(Variant.class);
        Map<Variant, VariantResult> choices = new EnumMap<>(Variant.class);
        for (Variant v : cosines.keySet()) {
            Choice onTrain = best(accuracyGrid(trainCosines.get(v), trainGold));
            String predictions = predictions(cosines.get(v), onTrain);
            if (labeled) {
                double[][] grid = accuracyGrid(cosines.get(v), gold);
                perLayer.put(v, bestPerLayer(grid));
                choices.put(v, new VariantResult(onTrain, predictions,
                        accuracy(cosines.get(v), gold, onTrain.layer(), onTrain.threshold()), best(grid), grid));
            } else {
                choices.put(v, new VariantResult(onTrain, predictions, null, null, null));
            }
        }
        return new Result(header, split, gold.length, trainGold.length, labeled ? LayerScores.of(perLayer) : null, choices);
    }

    /** Cosine per pair and layer [pair][state], for each variant. */
    static Map<Variant, double[][]> cosines(CorpusRunner runner, Clip clip, List<WicPair> pairs, Set<Variant> variants,
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
    private static double[][] accuracyGrid(double[][] cosines, Boolean[] gold) {
        int states = cosines[0].length;
        double[][] grid = new double[states][THRESHOLDS.length];
        for (int s = 0; s < states; s++) {
            for (int t = 0; t < THRESHOLDS.length; t++) {
                grid[s][t] = accuracy(cosines, gold, s, THRESHOLDS[t]);
            }
        }
        return grid;
    }

    /** The best cell of a grid; ties go to the lower layer, then the lower threshold. */
    private static Choice best(double[][] grid) {
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

    private static boolean predict(double[][] cosines, int pair, int state, double threshold) {
        return cosines[pair][state] >= threshold;
    }

    /** "T" or "F" per pair, by the choice's layer and threshold. */
    private static String predictions(double[][] cosines, Choice choice) {
        StringBuilder out = new StringBuilder(cosines.length);
        for (int p = 0; p < cosines.length; p++) {
            out.append(predict(cosines, p, choice.layer(), choice.threshold()) ? 'T' : 'F');
        }
        return out.toString();
    }

    private static double accuracy(double[][] cosines, Boolean[] gold, int state, double threshold) {
        int correct = 0;
        for (int p = 0; p < gold.length; p++) {
            if (predict(cosines, p, state, threshold) == gold[p]) {
                correct++;
            }
        }
        return (double) correct / gold.length;
    }

    /** Per layer, the accuracy of its best threshold, in percent. */
    private static double[] bestPerLayer(double[][] grid) {
        double[] best = new double[grid.length];
        for (int s = 0; s < grid.length; s++) {
            for (double a : grid[s]) {
                best[s] = Math.max(best[s], 100 * a);
            }
        }
        return best;
    }
}
