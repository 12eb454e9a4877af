package dev.tails.cli;

import dev.tails.corpus.Corpus;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.io.SafetensorsWriter;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `tails hidden`: every hidden state of every input line, written as safetensors (DESIGN.md §6). */
@Command(name = "hidden", mixinStandardHelpOptions = true,
        description = "Write s{i}.input_ids (I64 [T]) and s{i}.hidden (F32 [layers+1, T, H]) for each input line i.")
final class HiddenCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TokenLimit tokenLimit;

    @Option(names = "--input", required = true, description = "Text file, one text per line.")
    Path input;

    @Option(names = "--out", required = true, description = "Output .safetensors file.")
    Path out;

    @Option(names = "--zero-dims", paramLabel = "L|*|E:d,d,..",
            description = "Zero dims of block L's output (blocks.L.hook_normalized_resid_post); * = every block, E = the embedding output. Repeatable.")
    List<String> zeroDims = new ArrayList<>();

    @Option(names = "--zero-neurons", paramLabel = "L:j,j,..",
            description = "Zero FFN neurons of block L (blocks.L.mlp.hook_post). Repeatable.")
    List<String> zeroNeurons = new ArrayList<>();

    @Option(names = "--zero-heads", paramLabel = "L:h,h,..",
            description = "Zero attention heads of block L (their slice of blocks.L.attn.hook_z). Repeatable.")
    List<String> zeroHeads = new ArrayList<>();

    @Override
    public Integer call() {
        List<ZeroSpec> specs = new ArrayList<>();
        zeroDims.forEach(v -> specs.add(ZeroSpec.parse(ZeroSpec.Kind.DIMS, v)));
        zeroNeurons.forEach(v -> specs.add(ZeroSpec.parse(ZeroSpec.Kind.NEURONS, v)));
        zeroHeads.forEach(v -> specs.add(ZeroSpec.parse(ZeroSpec.Kind.HEADS, v)));
        Path folder = modelOptions.folder();
        // Interventions are checked against config.json before the weights load or anything runs.
        HookRegistry hooks = new HookRegistry(modelOptions.config(folder));
        specs.forEach(spec -> spec.attachTo(hooks));

        Model model = modelOptions.load(folder);
        List<String> texts = tokenLimit.apply(Corpus.read(input), model);
        SafetensorsWriter writer = new SafetensorsWriter()
                .putMetadata("model", model.folder().getFileName().toString())
                .putMetadata("layout", "s{i}.hidden [layers+1, T, H]: 0 = embedding output, k = output of layer k");
        if (!specs.isEmpty()) {
            writer.putMetadata("interventions", String.join(" ", specs.stream().map(s -> s.kind().option() + " " + s.value()).toList()));
        }
        modelOptions.runner(model).forEachBatch(modelOptions.inInputOrder(model, texts), hooks, batch -> {
            for (int b = 0; b < batch.size(); b++) {
                write(writer, batch.text(b), batch.output(), b);
            }
        }, new StderrProgress());
        writer.write(out);
        System.err.println("wrote " + texts.size() + " texts to " + out);
        return 0;
    }

    private static void write(SafetensorsWriter writer, int index, EncoderOutput output, int sequence) {
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
