package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.hook.ActivationCache;
import dev.tails.hook.ActivationFiles;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.ActivationBudget;
import dev.tails.model.HookPoint;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.shard.ActivationsJob;
import dev.tails.shard.OutputIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails activations`: capture hook points for each input line and save them (safetensors or NumPy). */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Write s{i}.<hook name> for each input line i and each hook point the patterns select, "
                + "without padding, in DESIGN.md §4 shapes.")
final class ActivationsCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Option(names = "--hooks", required = true, split = ",", paramLabel = "PATTERN",
            description = "Hook names or patterns, comma-separated, * within one dot segment (e.g. blocks.*.mlp.hook_post).")
    List<String> hooks;

    @Mixin
    InterventionOptions interventions;

    @Mixin
    ShardOptions shards;

    @Mixin
    InputOption input;

    @Option(names = "--out", required = true, description = "Output file: .safetensors, .npz, or .npy (one array only); "
            + "or a folder (a name without extension) for shards written as the input streams.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StdStreams.refuseDash(spec, "--out", out, "activations writes binary tensors");
        Path folder = modelOptions.folder();
        ModelConfig config = modelOptions.config(folder);
        interventions.registry(config); // checks the interventions before the weights load
        if (ShardOptions.isFolder(out)) {
            ActivationsJob job = new ActivationsJob(interventions.registry(config), hooks.stream().map(String::strip).toList());
            Model model = modelOptions.load(folder);
            tokenLimit.refuseWithShards();
            OutputIndex index = shards.run(modelOptions.runner(model), input.path, out, "activations",
                    Map.of("hooks", String.join(",", hooks), "interventions", interventions.describe()), job);
            StderrProgress.note("wrote " + index.parts().size() + " parts to " + out);
            return 0;
        }
        try {
            ActivationFiles.checkFormat(out);
        } catch (TailsException e) {
            throw BadArgument.of(spec, "--out " + e.getMessage());
        }
        HookRegistry registry = interventions.registry(config);
        ActivationCache cache = new ActivationCache();
        hooks.forEach(pattern -> registry.add(pattern.strip(), cache.capture()));

        Model model = modelOptions.load(folder);
        List<String> texts = tokenLimit.apply(Corpus.read(input.path), model);
        // In input order: the cache numbers sequences in the order the forwards see them.
        TokenizedCorpus corpus = modelOptions.inInputOrder(model, texts);
        ActivationBudget.requireFree(4 * keptFloats(registry, hooks, corpus), String.format(
                "the activations of %,d texts, kept until the file is written (an --out folder keeps one part at a time),",
                texts.size()));
        modelOptions.runner(model).forEachBatch(corpus, registry, batch -> { },
                new StderrProgress());
        ActivationFiles.write(cache, out);
        StderrProgress.note("wrote " + cache.names().size() + " hook points of " + texts.size() + " texts to " + out);
        return 0;
    }

    /** Floats the cache will hold: token rows of each selected point, or heads x T x T per text for attention maps. */
    private static long keptFloats(HookRegistry registry, List<String> patterns, TokenizedCorpus corpus) {
        long tokens = corpus.tokens();
        long squares = 0;
        for (int i = 0; i < corpus.size(); i++) {
            squares += (long) corpus.encoding(i).length() * corpus.encoding(i).length();
        }
        long floats = 0;
        for (String pattern : patterns) {
            for (HookSite site : registry.names().resolve(pattern.strip())) {
                HookPoint.Layout layout = site.point().layout();
                floats += layout == HookPoint.Layout.ATTENTION ? registry.shape().heads() * squares
                        : tokens * registry.shape().rowWidth(layout);
            }
        }
        return floats;
    }
}
