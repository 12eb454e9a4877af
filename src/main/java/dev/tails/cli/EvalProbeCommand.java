package dev.tails.cli;

import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.eval.LabeledText;
import dev.tails.eval.LayerScores;
import dev.tails.eval.LinearProbe;
import dev.tails.eval.SstData;
import dev.tails.eval.Sts;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails eval probe`: a linear probe per layer on frozen mean-pooled vectors, raw vs clipped. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "SST-2 / SST-5: logistic regression per layer on mean-pooled sentence vectors (no [CLS]/[SEP]), "
                + "trained on train (--limit of it), accuracy on --eval-split.")
final class EvalProbeCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "The senteval folder (holding SST/).")
    Path data;

    @Option(names = "--task", required = true, description = "sst2 or sst5.")
    String task;

    @Option(names = "--eval-split", defaultValue = "dev", description = "dev or test (default: ${DEFAULT-VALUE}).")
    String evalSplit;

    @Option(names = "--epochs", defaultValue = "20", description = "SGD epochs over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        int classes = SstData.classes(task);
        List<LabeledText> train = SstData.read(data, task, "train", options.limit);
        List<LabeledText> test = SstData.read(data, task, evalSplit, 0);
        Model model = options.load();
        CorpusRunner runner = options.runner(model);
        Clip clip = options.clip(model);
        StderrProgress progress = new StderrProgress();
        progress.stage("probe: " + train.size() + " train texts");
        Map<Variant, List<float[][]>> trainX = pooled(runner, clip, train, options, progress);
        progress.stage("probe: " + test.size() + " " + evalSplit + " texts");
        Map<Variant, List<float[][]>> testX = pooled(runner, clip, test, options, progress);
        progress.stage("probe: training " + trainX.size() * trainX.values().iterator().next().getFirst().length + " probes");
        int[] trainY = train.stream().mapToInt(LabeledText::label).toArray();
        int[] testY = test.stream().mapToInt(LabeledText::label).toArray();
        LayerScores accuracy = new LayerScores(task + " probe: " + evalSplit + " accuracy % (" + train.size()
                + " train texts, " + epochs + " epochs, seed " + options.seed + ")");
        trainX.forEach((v, rows) -> {
            double[] perState = new double[rows.getFirst().length];
            for (int s = 0; s < perState.length; s++) {
                LinearProbe probe = LinearProbe.train(column(rows, s), trainY, classes, epochs, options.seed);
                perState[s] = 100 * probe.accuracy(column(testX.get(v), s), testY);
            }
            accuracy.put(v, perState);
        });
        accuracy.print(System.out);
        Map<String, Object> json = options.header("probe", model);
        json.put("probeTask", task);
        json.put("trainTexts", train.size());
        json.put("evalSplit", evalSplit);
        json.put("evalTexts", test.size());
        json.put("probe", "multinomial logistic regression, mini-batch SGD, standardized features, " + epochs + " epochs");
        json.put("accuracy", accuracy.toJson());
        options.finish(json, "probe-" + task);
        return 0;
    }

    private static Map<Variant, List<float[][]>> pooled(CorpusRunner runner, Clip clip, List<LabeledText> texts,
                                                        EvalOptions options, StderrProgress progress) {
        return runner.reduce(texts.stream().map(LabeledText::text).toList(), options.variants(), clip,
                (i, states) -> Sts.sentenceVectors(states, false), progress);
    }

    private static float[][] column(List<float[][]> rows, int state) {
        return rows.stream().map(r -> r[state]).toArray(float[][]::new);
    }
}
