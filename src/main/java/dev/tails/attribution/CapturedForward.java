package dev.tails.attribution;

import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.HookPoint;
import dev.tails.model.Model;

import java.util.EnumSet;
import java.util.Set;

/** One forward pass with the activations attribution reads kept for the chosen blocks. */
public final class CapturedForward {
    /** Per block: head outputs, both LayerNorm inputs, the normalized mid stream, neuron activations. */
    private static final Set<HookPoint> POINTS = EnumSet.of(HookPoint.EMBED, HookPoint.POS_EMBED,
            HookPoint.TOKEN_TYPE_EMBED, HookPoint.Z, HookPoint.RESID_MID, HookPoint.NORMALIZED_RESID_MID,
            HookPoint.MLP_POST, HookPoint.RESID_POST);

    private final EncoderOutput output;
    private final ActivationCapture capture;

    CapturedForward(EncoderOutput output, ActivationCapture capture) {
        this.output = output;
        this.capture = capture;
    }

    /** Hooks that keep what attribution reads of these blocks during one forward. */
    static ActivationCapture capture(Set<Integer> blocks) {
        return new ActivationCapture(POINTS, blocks);
    }

    public static CapturedForward run(Model model, Batch batch, Set<Integer> blocks) {
        ActivationCapture capture = capture(blocks);
        return new CapturedForward(model.forward(batch, capture), capture);
    }

    public EncoderOutput output() {
        return output;
    }

    public Batch batch() {
        return output.batch();
    }

    /** Hidden state s (0 = embeddings, L + 1 = output of block L), [B*T, H]. */
    float[] state(int s) {
        return output.hiddenStates()[s];
    }

    float[] at(HookPoint point, int block) {
        return capture.get(point, block);
    }
}
