package dev.tails.attribution;

import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.HookPoint;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One forward pass with the activations attribution reads of the chosen blocks kept in an {@link ActivationCache}. */
public final class CapturedForward {
    /** Per block: head outputs, both LayerNorm inputs, the normalized mid stream, neuron activations; the three lookups. */
    private static final Set<HookPoint> POINTS = EnumSet.of(HookPoint.EMBED, HookPoint.POS_EMBED,
            HookPoint.TOKEN_TYPE_EMBED, HookPoint.Z, HookPoint.RESID_MID, HookPoint.NORMALIZED_RESID_MID,
            HookPoint.MLP_POST, HookPoint.RESID_POST);

    private final EncoderOutput output;
    private final ActivationCache cache;

    CapturedForward(EncoderOutput output, ActivationCache cache) {
        this.output = output;
        this.cache = cache;
    }

    /** Hooks that put what attribution reads of these blocks into the cache, forward after forward. */
    static HookRegistry hooks(ModelConfig config, Set<Integer> blocks, ActivationCache cache) {
        HookRegistry hooks = new HookRegistry(config);
        for (HookPoint point : POINTS) {
            for (int layer : point.perLayer() ? blocks : List.of(0)) {
                hooks.add(new HookSite(point, layer), cache.capture());
            }
        }
        return hooks;
    }

    public static CapturedForward run(Model model, Batch batch, Set<Integer> blocks) {
        ActivationCache cache = new ActivationCache();
        return new CapturedForward(model.forward(batch, hooks(model.config(), blocks, cache)), cache);
    }

    public Batch batch() {
        return output.batch();
    }

    /** Hidden state s (0 = embeddings, L + 1 = output of block L), [B*T, H]. */
    float[] state(int s) {
        return output.hiddenStates()[s];
    }

    /** Row {@code row} of the padded batch at a captured point, found in its sequence's copy (padding removed). */
    Row row(HookPoint point, int block, int row) {
        int sequence = row / batch().seqLen();
        float[] data = cache.get(point.nameAt(block), sequence).data();
        int width = data.length / batch().length(sequence);
        return new Row(data, (row % batch().seqLen()) * width);
    }

    /** A token's row of a captured activation: {@code data[offset, offset + width)}. */
    record Row(float[] data, int offset) {
        float at(int column) {
            return data[offset + column];
        }
    }
}
