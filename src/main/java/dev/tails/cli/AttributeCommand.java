package dev.tails.cli;

import dev.tails.attribution.Attribution;
import dev.tails.attribution.AttributionPartial;
import dev.tails.corpus.CorpusRunner;
import dev.tails.io.Json;
import dev.tails.model.Model;
import dev.tails.report.AttributionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `tails attribute`: which neurons and heads write one dim of one block, averaged over a corpus (DESIGN.md §6). */
@Command(name = "attribute", mixinStandardHelpOptions = true,
        description = "Exact attribution of one dim of one block's output to its FFN neurons and attention heads, "
                + "with LayerNorm frozen per token, averaged over a corpus.")
final class AttributeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--layer", required = true, description = "Block index (blocks.L, 0-based).")
    int layer;

    @Option(names = "--dim", required = true, description = "Dim of the block output to attribute.")
    int dim;

    @Mixin
    CorpusOptions corpusOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Option(names = "--top", defaultValue = "20", description = "Neurons and heads to report, by |mean| (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", paramLabel = "FILE", description = "Write layer, dim, tokens, value, neurons and heads to this JSON file "
            + "(- for standard output; the table then goes to standard error).")
    Path json;

    @Option(names = "--partial", paramLabel = "FILE",
            description = "Also write the running sums to this file, for `tails merge --partials` with other parts of the corpus.")
    Path partial;

    @Override
    public Integer call() {
        Model model = modelOptions.load(modelOptions.folderFetchingIfMissing());
        CorpusRunner runner = modelOptions.runner(model);
        AttributionPartial sums = AttributionPartial.of(runner, layer, dim, top);
        List<String> texts = tokenLimit.apply(corpusOptions.texts(), model);
        StderrProgress progress = new StderrProgress();
        progress.stage("attribute: block " + layer + " dim " + dim + ", " + texts.size() + " texts through "
                + model.folder().getFileName());
        sums.add(runner, texts, progress);
        progress.stage("attribute: done");
        if (partial != null) {
            PartialFiles.write(partial, sums.toJson());
        }
        report(sums.result(), json);
        return 0;
    }

    /** The table and, when asked, the JSON file (or standard output): what a run and a merge of partials both print. */
    static void report(Attribution result, Path json) {
        if (json != null) {
            StdStreams.writeJson(json, "the attribution JSON", Json.MAPPER.writer(), AttributionJson.of(result));
        }
        AttributionTable.print(result, StdStreams.humanOutput(json));
    }
}
