package consumer;

import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.MaskFill;
import dev.tails.model.MaskPredictions;
import dev.tails.model.Model;
import dev.tails.model.Pooling;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Uses the library's entry points: a forward pass, the same pass with hooks (one captures, one
 * edits), sentence embeddings, fill-mask. Prints one line per result for LibraryConsumerIT to compare with its own run.
 * Arguments: a model folder, a model folder with a masked-LM head.
 */
public final class Main {
    public static void main(String[] args) {
        Model model = Model.load(Path.of(args[0]));
        Batch batch = model.batch(List.of("The bank raised its rates."), false);
        EncoderOutput plain = model.forward(batch, ForwardHooks.NONE);
        int last = plain.numStates() - 1;
        System.out.printf(Locale.ROOT, "forward states=%d hidden=%d tokens=%d%n",
                plain.numStates(), plain.hiddenSize(), batch.length(0));

        ActivationCache cache = new ActivationCache();
        HookRegistry hooks = new HookRegistry(model.config())
                .add("blocks.0.mlp.hook_post", cache.capture())
                .add("hook_full_embed", data -> Arrays.fill(data.data(), 0f));
        EncoderOutput hooked = model.forward(batch, hooks);
        System.out.printf(Locale.ROOT, "hook blocks.0.mlp.hook_post shape=%s edited=%b%n",
                Arrays.toString(cache.get("blocks.0.mlp.hook_post", 0).shape()),
                !Arrays.equals(plain.hidden(last, 0), hooked.hidden(last, 0)));

        float[][] vectors = model.embed(List.of("The bank raised its rates.", "Another text."), Pooling.MEAN, true);
        System.out.printf(Locale.ROOT, "embed texts=%d dims=%d first=%.4f%n", vectors.length, vectors[0].length, vectors[0][0]);

        Model mlm = Model.load(Path.of(args[1]));
        for (MaskPredictions mask : mlm.fillMask("The capital of France is [MASK].", 3)) {
            for (MaskFill fill : mask.fills()) {
                System.out.printf(Locale.ROOT, "fill %d %s %.4f%n", mask.position(), fill.tokenStr(), fill.score());
            }
        }
    }
}
