package dev.tails.cli;

import dev.tails.eval.WsdEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `tails eval wsd`: 1-nearest-neighbour WSD with SemCor sense vectors, F1 on Raganato's ALL and its five sets. */
@Command(name = "wsd", mixinStandardHelpOptions = true,
        description = "WSD by 1-nearest neighbour: sense vector = mean of the target word's vectors (sub-tokens "
                + "averaged) over its SemCor occurrences; an instance gets its lemma's WordNet 3.0 sense with the "
                + "highest cosine, or WordNet's first sense when SemCor has none of them. F1 per layer on "
                + "Raganato et al.'s ALL and each of its five sets.")
final class EvalWsdCommand implements Callable<Integer> {
    @Mixin
    EvalOptions options;

    @Option(names = "--semcor", required = true, paramLabel = "FILE",
            description = "SemCor 3.0 in NAF (semcor30-naf.tar.xz), read as it is.")
    Path semcor;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Raganato et al.'s Evaluation_Datasets (reads ALL/ALL.data.xml and ALL/ALL.gold.key.txt). "
                    + "--limit N keeps the first N SemCor sentences and the first N instances of each set.")
    Path data;

    @Override
    public Integer call() {
        WsdEvaluation.Settings settings = new WsdEvaluation.Settings(options.settings(), semcor, data);
        options.run(settings, WsdEvaluation::run);
        return 0;
    }
}
