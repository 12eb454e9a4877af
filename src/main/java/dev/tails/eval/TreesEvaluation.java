package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Cosine;
import dev.tails.corpus.PartialKey;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Unsupervised constituency trees (Kim et al. 2020): greedy top-down splits at the largest distance
 * between adjacent scored words, per layer. The model reads the whole sentence (punctuation included), a
 * word's vector is the mean of its sub-tokens, and the distance of words i, i+1 is 1 - cosine or the L2
 * distance of their vectors. Score: sentence-level unlabeled F1 x 100 (punctuation and trivial spans
 * removed), beside right-branching and random trees.
 */
public final class TreesEvaluation {
    public enum Distance { COSINE, L2 }

    /** data: a folder of .mrg files. */
    public record Settings(EvalSettings common, Path data, Distance distance) {
    }

    /** Mean F1 x 100 over the sentences scored (those with a non-trivial gold span); random trees use the seed. */
    public record Result(EvalHeader header, int sentences, Distance distance, Map<Variant, LayerScores> f1,
                         double rightBranching, double random) implements EvalResult {
        @Override
        public String fileName() {
            return "trees";
        }
    }

    private TreesEvaluation() {
    }

    public static Result run(CorpusRunner runner, Clip clip, Settings settings, Progress progress) {
        return partial(runner, clip, settings, ItemPart.ALL, progress).result();
    }

    /** The F1 sums of one part of the sentences (the baselines over all of them), to merge with the other parts'. */
    public static TreesPartial partial(CorpusRunner runner, Clip clip, Settings settings, ItemPart part, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        List<Bracketing> all = scoredSentences(settings.data(), common.limit());
        List<Bracketing> sentences = IntStream.range(0, all.size()).filter(part::takes).mapToObj(all::get).toList();
        progress.stage("trees: " + sentences.size() + " of " + all.size() + " sentences");
        Map<Variant, List<double[][]>> gaps = runner.reduce(sentences.stream().map(Bracketing::text).toList(),
                common.variants(), clip, (i, states) -> gaps(states, sentences.get(i).keptIndices(), settings.distance()), progress);
        int states = runner.model().config().numLayers() + 1;
        Map<Variant, double[]> f1Sums = new EnumMap<>(Variant.class);
        gaps.forEach((v, perSentence) -> f1Sums.put(v, f1SumPerState(sentences, perSentence, states)));
        double right = 0;
        double random = 0;
        Random rng = new Random(common.seed());
        for (Bracketing b : all) {
            right += TreeInduction.f1(b.spans(), TreeInduction.rightBranching(b.words().size()));
            random += TreeInduction.f1(b.spans(), TreeInduction.random(b.words().size(), rng));
        }
        PartialKey key = PartialKey.of(TreesPartial.KIND, runner, Map.of("distance", settings.distance().name(),
                "variants", String.join(",", common.variants().stream().map(Variant::label).toList()),
                "limit", Integer.toString(common.limit()), "seed", Long.toString(common.seed()),
                "clipDims", Arrays.toString(clip.dims()), "parts", Integer.toString(part.count())));
        return new TreesPartial(key, new TreeSet<>(Set.of(part.index())), all.size(), sentences.size(), f1Sums,
                100 * right / all.size(), 100 * random / all.size(), EvalHeader.of(runner, clip, common, start));
    }

    /** The first {@code limit} (0 = all) sentences with a non-trivial gold span: the others cannot be scored. */
    private static List<Bracketing> scoredSentences(Path folder, int limit) {
        List<Bracketing> sentences = PtbReader.readFolder(folder).stream().map(Bracketing::of)
                .filter(b -> !b.spans().isEmpty()).toList();
        return limit > 0 && limit < sentences.size() ? sentences.subList(0, limit) : sentences;
    }

    /** Distances of adjacent kept words [state][kept words - 1]. */
    private static double[][] gaps(TextStates states, int[] kept, Distance distance) {
        int[][] ranges = WordSpans.tokenRanges(states.text(), states.encoding());
        double[][] gaps = new double[states.numStates()][kept.length - 1];
        for (int s = 0; s < states.numStates(); s++) {
            float[] previous = null;
            for (int w = 0; w < kept.length; w++) {
                float[] vector = states.mean(s, ranges[kept[w]][0], ranges[kept[w]][1]);
                if (previous != null) {
                    gaps[s][w - 1] = distance == Distance.COSINE
                            ? 1 - Cosine.of(previous, vector) : Cosine.euclidean(previous, vector);
                }
                previous = vector;
            }
        }
        return gaps;
    }

    /** Per state, the sum over the sentences of F1 x 100. */
    private static double[] f1SumPerState(List<Bracketing> sentences, List<double[][]> gaps, int states) {
        double[] sum = new double[states];
        for (int i = 0; i < sentences.size(); i++) {
            for (int s = 0; s < states; s++) {
                sum[s] += 100 * TreeInduction.f1(sentences.get(i).spans(), TreeInduction.topDown(gaps.get(i)[s]));
            }
        }
        return sum;
    }
}
