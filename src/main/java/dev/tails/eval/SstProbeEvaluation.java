package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SST-2 / SST-5 sentiment probes: a {@link LinearProbe} per layer on frozen mean-pooled sentence vectors
 * (no [CLS]/[SEP]), trained on the first {@code limit} train texts and scored on the whole dev or test split.
 */
public final class SstProbeEvaluation {
    private static final List<String> EVAL_SPLITS = List.of("dev", "test");

    /** data: the senteval folder (holding SST/); task: sst2 or sst5; epochs of SGD over the train texts. */
    public record Settings(EvalSettings common, Path data, String task, String evalSplit, int epochs) {
        public Settings {
            SstData.classes(task);
            if (!EVAL_SPLITS.contains(evalSplit)) {
                throw new TailsException("evaluation split must be dev or test, not '" + evalSplit + "'");
            }
            if (epochs < 1) {
                throw new TailsException("epochs must be at least 1, got " + epochs);
            }
        }
    }

    /** Accuracy % on the evaluation split per layer. */
    public record Result(EvalHeader header, String probeTask, int trainTexts, String evalSplit, int evalTexts, int epochs,
                         Map<Variant, LayerScores> accuracy) implements EvalResult {
        @Override
        public String fileName() {
            return "probe-" + probeTask;
        }
    }

    private SstProbeEvaluation() {
    }

    public static Result run(CorpusRunner runner, Clip clip, Settings settings, Progress progress) {
        long start = System.nanoTime();
        EvalSettings common = settings.common();
        List<LabeledText> train = SstData.read(settings.data(), settings.task(), "train", common.limit());
        List<LabeledText> test = SstData.read(settings.data(), settings.task(), settings.evalSplit(), 0);
        progress.stage("probe: " + train.size() + " train texts");
        Map<Variant, List<float[][]>> trainX = pooled(runner, clip, train, common, progress);
        progress.stage("probe: " + test.size() + " " + settings.evalSplit() + " texts");
        Map<Variant, List<float[][]>> testX = pooled(runner, clip, test, common, progress);
        progress.stage("probe: training a probe per layer and variant");
        int classes = SstData.classes(settings.task());
        int[] trainY = train.stream().mapToInt(LabeledText::label).toArray();
        int[] testY = test.stream().mapToInt(LabeledText::label).toArray();
        Map<Variant, double[]> accuracy = new EnumMap<>(Variant.class);
        trainX.forEach((v, rows) -> {
            double[] perState = new double[rows.getFirst().length];
            for (int s = 0; s < perState.length; s++) {
                LinearProbe probe = LinearProbe.train(column(rows, s), trainY, classes, settings.epochs(), common.seed());
                perState[s] = 100 * probe.accuracy(column(testX.get(v), s), testY);
            }
            accuracy.put(v, perState);
        });
        return new Result(EvalHeader.of(runner, clip, common, start), settings.task(), train.size(), settings.evalSplit(),
                test.size(), settings.epochs(), LayerScores.of(accuracy));
    }

    private static Map<Variant, List<float[][]>> pooled(CorpusRunner runner, Clip clip, List<LabeledText> texts,
                                                        EvalSettings common, Progress progress) {
        return runner.reduce(texts.stream().map(LabeledText::text).toList(), common.variants(), clip,
                (i, states) -> StsEvaluation.sentenceVectors(states, false), progress);
    }

    /** Every text's vector of one state. */
    private static float[][] column(List<float[][]> rows, int state) {
        return rows.stream().map(r -> r[state]).toArray(float[][]::new);
    }
}
