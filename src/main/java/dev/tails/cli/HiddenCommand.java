package dev.tails.cli;

import dev.tails.analysis.Corpus;
import dev.tails.hook.ForwardHooks;
import dev.tails.io.SafetensorsWriter;
import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Override
    public Integer call() {
        Model model = modelOptions.load();
        List<String> texts = tokenLimit.apply(Corpus.read(input), model);
        SafetensorsWriter writer = new SafetensorsWriter()
                .putMetadata("model", model.folder().getFileName().toString())
                .putMetadata("layout", "s{i}.hidden [layers+1, T, H]: 0 = embedding output, k = output of layer k");
        int step = modelOptions.batchSize;
        for (int from = 0; from < texts.size(); from += step) {
            int to = Math.min(texts.size(), from + step);
            Batch batch = model.batch(texts.subList(from, to), modelOptions.truncate);
            EncoderOutput output = model.forward(batch, ForwardHooks.NONE);
            for (int b = 0; b < batch.size(); b++) {
                write(writer, from + b, output, b);
            }
        }
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
