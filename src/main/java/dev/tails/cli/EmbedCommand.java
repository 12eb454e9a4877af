package dev.tails.cli;

import dev.tails.corpus.TextLines;
import dev.tails.hook.HookRegistry;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.shard.EmbeddingsJob;
import dev.tails.shard.OutputIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tails embed`: one sentence embedding per input line, as sentence-transformers' encode computes it. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Write one sentence embedding per input line (the last hidden state pooled over the text's tokens): "
                + "JSON lines {\"text\", \"embedding\"} to a .jsonl file or - (standard output), a float32 .npy [texts, H], "
                + "or a folder of parts with embedding [texts, H], input_ids and offsets. Texts are always cut at "
                + "max_seq_length (else the model's limit), keeping [SEP], as sentence-transformers does.")
final class EmbedCommand implements Callable<Integer> {
    /** Texts per library call when writing one file or stream: memory holds one block, never the corpus's vectors. */
    private static final int BLOCK = 1024;
    private static final String STDOUT = "-";

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    InterventionOptions interventions;

    @Mixin
    ShardOptions shards;

    @Mixin
    InputOption input;

    @Spec
    CommandSpec spec;

    private Pooling pooling;

    @Option(names = "--pooling", paramLabel = "mean|cls|max",
            description = "How token vectors become one (default: the folder's 1_Pooling/config.json, else mean).")
    void pooling(String name) {
        try {
            pooling = Pooling.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BadArgument.of(spec, "--pooling takes mean, cls or max; got '" + name + "'");
        }
    }

    @Option(names = "--normalize", negatable = true,
            description = "Scale each vector to unit length (default: when the folder's modules.json lists Normalize).")
    Boolean normalize;

    @Option(names = "--out", required = true, paramLabel = "FILE|DIR|-",
            description = "x.jsonl, x.npy, - (JSON lines on standard output), or a folder (a name without extension) of shards.")
    String out;

    @Override
    public Integer call() {
        Path folder = modelOptions.folder();
        ModelConfig config = modelOptions.config(folder);
        // Output, interventions and the sentence-transformers files are checked before the weights load.
        Target target = target();
        HookRegistry hooks = interventions.registry(config);
        SentenceConfig own = SentenceConfig.of(folder, config);
        SentenceConfig sentence = own.with(pooling == null ? own.pooling() : pooling,
                normalize == null ? own.normalize() : normalize);
        Model model = modelOptions.load(folder);
        if (target == Target.SHARDS) {
            OutputIndex index = shards.run(modelOptions.runner(model), input.path, Path.of(out), "embed", Map.of(
                    "pooling", sentence.pooling().name().toLowerCase(Locale.ROOT),
                    "normalize", Boolean.toString(sentence.normalize()),
                    "max_tokens", Integer.toString(sentence.maxTokens(config)),
                    "interventions", interventions.describe()), new EmbeddingsJob(model, sentence, hooks));
            System.err.println("wrote " + index.parts().size() + " parts to " + out);
            return 0;
        }
        long texts = 0;
        StderrProgress progress = new StderrProgress();
        long start = System.nanoTime();
        try (TextLines lines = TextLines.open(input.path); EmbeddingSink sink = open(target, config.hiddenSize())) {
            while (lines.hasNext()) {
                List<String> block = new ArrayList<>(BLOCK);
                while (lines.hasNext() && block.size() < BLOCK) {
                    block.add(lines.next());
                }
                float[][] vectors = model.embed(block, sentence, modelOptions.batchSize, hooks);
                for (int i = 0; i < block.size(); i++) {
                    sink.write(block.get(i), vectors[i]);
                }
                texts += block.size();
                progress.stage(String.format("%,d texts embedded (%.0f texts/s)", texts,
                        texts / ((System.nanoTime() - start) / 1e9)));
            }
            sink.finish();
        }
        if (target != Target.STDOUT) {
            System.err.println("wrote " + texts + " embeddings to " + out);
        }
        return 0;
    }

    private enum Target { STDOUT, JSONL, NPY, SHARDS }

    private Target target() {
        if (out.equals(STDOUT)) {
            return Target.STDOUT;
        }
        if (out.endsWith(".jsonl")) {
            return Target.JSONL;
        }
        if (out.endsWith(".npy")) {
            return Target.NPY;
        }
        if (ShardOptions.isFolder(Path.of(out))) {
            return Target.SHARDS;
        }
        throw BadArgument.of(spec, "--out " + out + ": embed writes .jsonl, .npy, - (standard output) or a folder "
                + "(a name without extension)");
    }

    private EmbeddingSink open(Target target, int hidden) {
        return switch (target) {
            case STDOUT -> EmbeddingSink.JsonLines.to(spec.commandLine().getOut());
            case JSONL -> EmbeddingSink.JsonLines.to(Path.of(out));
            case NPY -> new EmbeddingSink.Npy(Path.of(out), hidden);
            case SHARDS -> throw new IllegalStateException("shards are written by the shard run");
        };
    }
}
