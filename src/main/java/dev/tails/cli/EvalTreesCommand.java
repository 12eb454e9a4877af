package dev.tails.cli;

import dev.tails.eval.ItemPart;
import dev.tails.eval.TreesEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `tails eval trees`: unsupervised constituency induction from syntactic distances (Kim et al. 2020). */
@Command(name = "trees", mixinStandardHelpOptions = true,
        description = "Greedy top-down trees from the distance of adjacent words' vectors, per layer; sentence-level "
                + "unlabeled F1 (punctuation and trivial spans removed) vs right-branching and random trees.")
final class EvalTreesCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--data", required = true, description = "Folder of .mrg files (e.g. ptb-sample/treebank/combined).")
    Path data;

    @Option(names = "--distance", defaultValue = "COSINE",
            description = "COSINE (1 - cos) or L2 between adjacent words (default: ${DEFAULT-VALUE}).")
    TreesEvaluation.Distance distance;

    @Mixin
    EvalPartialOptions partial;

    @Override
    public Integer call() {
        ItemPart part = partial.part();
        TreesEvaluation.Settings settings = new TreesEvaluation.Settings(options.settings(), data, distance);
        if (partial.file != null) {
            PartialFiles.write(partial.file, options.withModel((runner, clip) ->
                    TreesEvaluation.partial(runner, clip, settings, part, new StderrProgress())).toJson());
            return 0;
        }
        options.run(settings, TreesEvaluation::run);
        return 0;
    }
}
