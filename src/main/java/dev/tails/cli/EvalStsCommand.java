package dev.tails.cli;

import dev.tails.eval.ItemPart;
import dev.tails.eval.StsEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `tails eval sts`: unsupervised sentence similarity (Spearman x 100) per layer, raw vs clipped. */
@Command(name = "sts", mixinStandardHelpOptions = true,
        description = "STS12-16, STS-B (test), SICK-R (test): cosine of mean-pooled sentence vectors, Spearman x100 "
                + "per layer; a year's score is the mean over its subsets (SentEval's 'all' mean).")
final class EvalStsCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "The senteval folder (holding STS/ and SICK/).")
    Path data;

    @Option(names = "--sets", split = ",", defaultValue = "sts12,sts13,sts14,sts15,sts16,sts-b,sick-r",
            description = "Benchmarks to run (default: ${DEFAULT-VALUE}).")
    List<String> sets;

    @Option(names = "--with-special", description = "Average [CLS] and [SEP] into the sentence vector too "
            + "(default: only the sentence's own sub-tokens).")
    boolean withSpecial;

    @Mixin
    EvalPartialOptions partial;

    @Override
    public Integer call() {
        ItemPart part = partial.part();
        StsEvaluation.Settings settings = new StsEvaluation.Settings(options.settings(), data, sets, withSpecial);
        if (partial.file != null) {
            PartialFiles.write(partial.file, options.withModel((runner, clip) ->
                    StsEvaluation.partial(runner, clip, settings, part, new StderrProgress())).toJson());
            return 0;
        }
        options.run(settings, StsEvaluation::run);
        return 0;
    }
}
