package dev.tails.cli;

import dev.tails.eval.SstProbeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
        SstProbeEvaluation.Settings settings = new SstProbeEvaluation.Settings(options.settings(), data, task, evalSplit, epochs);
        options.run(settings, SstProbeEvaluation::run);
        return 0;
    }
}
