package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Cosine;
import dev.tails.corpus.TextStates;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        List<Bracketing> sentences = scoredSentences(settings.data(), common.limit());
        progress.stage("trees: " + sentences.size() + " sentences");
        Map<Variant, List<double[][]>> gaps = runner.reduce(sentences.stream().map(Bracketing::text).toList(),
                common.variants(), clip, (i, states) -> gaps(states, sentences.get(i).keptIndices(), settings.distance()), progress);
        Map<Variant, double[]> f1 = new EnumMap<>(Variant.class);
        gaps.forEach((v, perSentence) -> f1.put(v, meanF1PerState(sentences, perSentence)));
        double right = 0;
        double random = 0;
        Random rng = new Random(common.seed());
        for (Bracketing b : sentences) {
            right += TreeInduction.f1(b.spans(), TreeInduction.rightBranching(b.words().size()));
            random += TreeInduction.f1(b.spans(), TreeInduction.random(b.words().size(), rng));
        }
        return new Result(EvalHeader.of(runner, clip, common, start), sentences.size(), settings.distance(),
                LayerScores.of(f1), 100 * right / sentences.size(), 100 * random / sentences.size());
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

    private static double[] meanF1PerState(List<Bracketing> sentences, List<double[][]> gaps) {
        double[] mean = new double[gaps.getFirst().length];
        for (int i = 0; i < sentences.size(); i++) {
            for (int s = 0; s < mean.length; s++) {
                mean[s] += 100 * TreeInduction.f1(sentences.get(i).spans(), TreeInduction.topDown(gaps.get(i)[s]))
                        / sentences.size();
            }
        }
        return mean;
    }
}
