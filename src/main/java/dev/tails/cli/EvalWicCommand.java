package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.Variant;
import dev.tails.eval.ItemPart;
import dev.tails.eval.WicEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
            description = "Write T/F per pair of the split, with the layer and threshold chosen on train (- for standard output).")
    Path predictions;

    @Option(names = "--predict-with", defaultValue = "clipped-after", paramLabel = "V",
            description = "Variant whose train choice makes the predictions (default: ${DEFAULT-VALUE}).")
    String predictWith;

    @Mixin
    EvalPartialOptions partial;

    @Override
    public Integer call() {
        ItemPart part = partial.part();
        WicEvaluation.Settings settings = new WicEvaluation.Settings(options.settings(), data, split,
                trainLimit != null ? trainLimit : options.limit);
        options.taskOutput("--predictions", predictions);
        Variant predictor = Variant.of(predictWith);
        if (predictions != null && !settings.common().variants().contains(predictor)) {
            throw new TailsException("--predict-with " + predictWith + " is not among --variants");
        }
        if (partial.file != null) {
            PartialFiles.write(partial.file, options.withModel((runner, clip) ->
                    WicEvaluation.partial(runner, clip, settings, part, new StderrProgress())).toJson());
            return 0;
        }
        WicEvaluation.Result result = options.run(settings, WicEvaluation::run);
        if (predictions != null) {
            write(result.choices().get(predictor).predictions());
        }
        return 0;
    }

    /** One line per pair, T or F. */
    private void write(String perPair) {
        StdStreams.write(predictions, "predictions",
                out -> out.write((String.join("\n", perPair.split("")) + "\n").getBytes(StandardCharsets.US_ASCII)));
    }
}
