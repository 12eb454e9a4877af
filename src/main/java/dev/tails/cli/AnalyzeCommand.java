package dev.tails.cli;

import dev.tails.analysis.Corpus;
import dev.tails.analysis.OutlierCounts;
import dev.tails.hook.ForwardHooks;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `tails analyze`: which dimension is most often the minimum / maximum of a token vector, per layer. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Per layer, the dimension most often the minimum (and maximum) of a token vector over a corpus.")
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Option(names = "--corpus", description = "Text file, one text per line (default: 2,000 WordNet 3.0 example sentences).")
    Path corpus;

    @Override
    public Integer call() {
        Model model = modelOptions.load(modelOptions.folderFetchingIfMissing());
        List<String> texts = tokenLimit.apply(corpus == null ? Corpus.embedded() : Corpus.read(corpus), model);
        OutlierCounts counts = new OutlierCounts(model.config().numLayers() + 1, model.config().hiddenSize());
        StderrProgress progress = new StderrProgress();
        progress.stage("analyze: " + texts.size() + " texts through " + model.folder().getFileName());
        int step = modelOptions.batchSize;
        for (int from = 0; from < texts.size(); from += step) {
            int to = Math.min(texts.size(), from + step);
            counts.add(model.forward(model.batch(texts.subList(from, to), modelOptions.truncate), ForwardHooks.NONE));
            progress.fraction((double) to / texts.size());
        }
        progress.stage("analyze: done");
        print(model, texts.size(), counts);
        return 0;
    }

    private static void print(Model model, int texts, OutlierCounts counts) {
        System.out.printf(Locale.ROOT, "model %s: %d texts, %d token vectors (special tokens included)%n",
                model.folder().getFileName(), texts, counts.tokens());
        System.out.println("layer  argmin dim  share    argmax dim  share");
        for (int layer = 1; layer < counts.states(); layer++) {
            var min = counts.topArgmin(layer);
            var max = counts.topArgmax(layer);
            System.out.printf(Locale.ROOT, "%5d  %10d  %6.2f%%  %10d  %6.2f%%%n",
                    layer, min.dim(), 100 * min.fraction(), max.dim(), 100 * max.fraction());
        }
    }
}
