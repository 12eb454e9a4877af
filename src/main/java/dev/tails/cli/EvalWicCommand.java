package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.eval.LayerScores;
import dev.tails.eval.Wic;
import dev.tails.eval.WicData;
import dev.tails.eval.WicPair;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails eval wic`: Word-in-Context accuracy of a cosine threshold, per layer, raw vs clipped. */
@Command(name = "wic", mixinStandardHelpOptions = true,
        description = "WiC: cosine of the target word's vectors (sub-tokens averaged) in the two sentences, "
                + "accuracy of thresholds 0.1..0.9 per layer; layer and threshold also chosen on train and scored on the split.")
final class EvalWicCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "WiC folder with train/, dev/, test/.")
    Path data;

    @Option(names = "--split", defaultValue = "dev", description = "train, dev or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--train-limit", paramLabel = "N",
            description = "Train pairs used to choose layer and threshold (default: --limit).")
    Integer trainLimit;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Write T/F per pair of the split, with the layer and threshold chosen on train.")
    Path predictions;

    @Option(names = "--predict-with", defaultValue = "clipped-after", paramLabel = "V",
            description = "Variant whose train choice makes the predictions (default: ${DEFAULT-VALUE}).")
    String predictWith;

    @Override
    public Integer call() {
        if (!List.of("train", "dev", "test").contains(split)) {
            throw new TailsException("--split must be train, dev or test, not '" + split + "'");
        }
        Model model = options.load();
        CorpusRunner runner = options.runner(model);
        Clip clip = options.clip(model);
        StderrProgress progress = new StderrProgress();
        List<WicPair> pairs = WicData.read(data, split, options.limit);
        boolean labeled = pairs.getFirst().gold() != null;
        progress.stage("wic: " + pairs.size() + " " + split + " pairs through " + model.folder().getFileName());
        Map<Variant, double[][]> cosines = Wic.cosines(runner, clip, pairs, options.variants(), progress);
        Map<Variant, double[][]> trainCosines = cosines;
        List<WicPair> trainPairs = pairs;
        if (!split.equals("train")) {
            trainPairs = WicData.read(data, "train", trainLimit != null ? trainLimit : options.limit);
            progress.stage("wic: " + trainPairs.size() + " train pairs to choose layer and threshold");
            trainCosines = Wic.cosines(runner, clip, trainPairs, options.variants(), progress);
        }
        progress.stage("wic: done");

        Map<String, Object> json = options.header("wic", model);
        json.put("split", split);
        json.put("pairs", pairs.size());
        json.put("trainPairs", trainPairs.size());
        json.put("pooling", "target word = mean of its sub-token vectors; same sense when cosine >= threshold");
        LayerScores perLayer = new LayerScores("WiC " + split + " (" + pairs.size()
                + " pairs): accuracy % of each layer's best threshold on " + split);
        Map<String, Object> choices = new LinkedHashMap<>();
        Map<Variant, Wic.Choice> trainChoices = new LinkedHashMap<>();
        for (Variant v : cosines.keySet()) {
            Wic.Choice onTrain = Wic.best(Wic.accuracyGrid(trainCosines.get(v), trainPairs));
            trainChoices.put(v, onTrain);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("chosenOnTrain", onTrain);
            if (labeled) {
                double[][] grid = Wic.accuracyGrid(cosines.get(v), pairs);
                perLayer.put(v, Wic.bestPerLayer(grid));
                entry.put("bestOnSplit", Wic.best(grid));
                entry.put("accuracyOfTrainChoice", Wic.accuracy(cosines.get(v), pairs, onTrain.layer(), onTrain.threshold()));
                entry.put("accuracyGrid", grid);
            }
            choices.put(v.label(), entry);
        }
        if (labeled) {
            perLayer.print(System.out);
            json.put("bestThresholdAccuracyPerLayer", perLayer.toJson());
        }
        printChoices(choices);
        json.put("choices", choices);
        if (predictions != null) {
            writePredictions(cosines, trainChoices);
        }
        options.finish(json);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void printChoices(Map<String, Object> choices) {
        choices.forEach((variant, e) -> {
            Map<String, Object> entry = (Map<String, Object>) e;
            Wic.Choice train = (Wic.Choice) entry.get("chosenOnTrain");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%-17s chosen on train: layer %2d, threshold %.1f (train %.2f%%)",
                    variant, train.layer(), train.threshold(), 100 * train.accuracy()));
            if (entry.containsKey("bestOnSplit")) {
                Wic.Choice best = (Wic.Choice) entry.get("bestOnSplit");
                line.append(String.format(Locale.ROOT, " -> %s %.2f%%; best on %s: layer %2d, threshold %.1f, %.2f%%",
                        split, 100 * (double) entry.get("accuracyOfTrainChoice"), split,
                        best.layer(), best.threshold(), 100 * best.accuracy()));
            }
            System.out.println(line);
        });
    }

    private void writePredictions(Map<Variant, double[][]> cosines, Map<Variant, Wic.Choice> trainChoices) {
        Variant variant = options.variantNamed(predictWith);
        if (!cosines.containsKey(variant)) {
            throw new TailsException("--predict-with " + predictWith + " is not among --variants");
        }
        double[][] cos = cosines.get(variant);
        List<String> lines = new ArrayList<>(cos.length);
        for (int p = 0; p < cos.length; p++) {
            lines.add(Wic.predict(cos, p, trainChoices.get(variant)) ? "T" : "F");
        }
        try {
            Files.write(predictions, lines);
        } catch (IOException e) {
            throw new TailsException(predictions + ": cannot write predictions: " + e.getMessage(), e);
        }
    }
}
