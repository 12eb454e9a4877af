package dev.tails.cli;

import dev.tails.corpus.Corpus;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.io.NpzWriter;
import dev.tails.io.SafetensorsWriter;
import dev.tails.io.TensorFileWriter;
import dev.tails.model.ActivationBudget;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.shard.HiddenStatesJob;
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

/** `tails hidden`: every hidden state of every input line, written as safetensors or npz (DESIGN.md §6). */
@Command(name = "hidden", mixinStandardHelpOptions = true,
        description = "Write s{i}.input_ids (I64 [T]) and s{i}.hidden (F32 [layers+1, T, H]) for each input line i; "
                + "into a folder: parts with input_ids, offsets, hidden [tokens, layers+1, H] and pooled [texts, H].")
final class HiddenCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Mixin
    InterventionOptions interventions;

    @Mixin
    ShardOptions shards;

    @Mixin
    InputOption input;

    @Option(names = "--out", required = true,
            description = "Output .safetensors or .npz file (NumPy: numpy.load(f)['s0.hidden']), or a folder "
                    + "(a name without extension) for shards written as the input streams.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StdStreams.refuseDash(spec, "--out", out, "hidden writes binary tensors");
        boolean npz = out.getFileName().toString().endsWith(".npz");
        if (!ShardOptions.isFolder(out) && !npz && !out.getFileName().toString().endsWith(".safetensors")) {
            throw BadArgument.of(spec, "--out " + out + ": hidden writes a .safetensors or .npz file, or a folder of "
                    + "shards (a name without extension)");
        }
        Path folder = modelOptions.folder();
        // Interventions are checked against config.json before the weights load or anything runs.
        HookRegistry hooks = interventions.registry(modelOptions.config(folder));
        Timings.mark("config, hooks");
        Model model = modelOptions.load(folder);
        Timings.mark("model load");
        if (ShardOptions.isFolder(out)) {
            tokenLimit.refuseWithShards();
            OutputIndex index = shards.run(modelOptions.runner(model), input.path, out, "hidden",
                    Map.of("interventions", interventions.describe()), new HiddenStatesJob(hooks, model.config()));
            StderrProgress.note("wrote " + index.parts().size() + " parts to " + out);
            return 0;
        }
        List<String> texts = tokenLimit.apply(Corpus.read(input.path), model);
        TensorFileWriter writer = npz ? new NpzWriter() : safetensors(model);
        TokenizedCorpus corpus = modelOptions.inInputOrder(model, texts);
        Timings.mark("read, tokenize");
        ModelConfig c = model.config();
        ActivationBudget.requireFree(4L * corpus.tokens() * (c.numLayers() + 1) * c.hiddenSize(), String.format(
                "all hidden states of %,d texts, kept until the file is written (an --out folder keeps one part at a time),",
                texts.size()));
        modelOptions.runner(model).forEachBatch(corpus, hooks, batch -> {
            for (int b = 0; b < batch.size(); b++) {
                write(writer, batch.text(b), batch.output(), b);
            }
        }, new StderrProgress());
        Timings.mark("forward");
        writer.write(out);
        Timings.mark("write");
        StderrProgress.note("wrote " + texts.size() + " texts to " + out);
        return 0;
    }

    /** A safetensors file says in its metadata what it holds; an npz has no place for that. */
    private SafetensorsWriter safetensors(Model model) {
        SafetensorsWriter writer = new SafetensorsWriter()
                .putMetadata("model", model.folder().getFileName().toString())
                .putMetadata("layout", "s{i}.hidden [layers+1, T, H]: 0 = embedding output, k = output of layer k");
        if (!interventions.describe().isEmpty()) {
            writer.putMetadata("interventions", interventions.describe());
        }
        return writer;
    }

    private static void write(TensorFileWriter writer, int index, EncoderOutput output, int sequence) {
        int[] ids = output.batch().inputIds(sequence);
        long[] longIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longIds[i] = ids[i];
        }
        writer.putI64("s" + index + ".input_ids", new int[] {ids.length}, longIds);
        writer.putF32("s" + index + ".hidden", new int[] {output.numStates(), ids.length, output.hiddenSize()},
                output.allHidden(sequence));
        float[] pooled = output.pooled(sequence);
        if (pooled != null) {
            writer.putF32("s" + index + ".pooled", new int[] {pooled.length}, pooled);
        }
    }
}
