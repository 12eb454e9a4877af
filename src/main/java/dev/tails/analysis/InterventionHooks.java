package dev.tails.analysis;

import dev.tails.hook.ForwardHooks;
import dev.tails.hook.HookPoint;
import dev.tails.model.Batch;

import java.util.Arrays;

/** The two in-graph interventions of the study, as small hooks of their own (no registry needed). */
public final class InterventionHooks {
    private InterventionHooks() {
    }

    /** The position embeddings are zero: what the tails are without them. */
    public static ForwardHooks zeroPositionEmbeddings() {
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point == HookPoint.POS_EMBED;
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                Arrays.fill(activation, 0f);
            }
        };
    }

    /** The given dims of every block output are zero as it flows into the next block (hidden states 1..L). */
    public static ForwardHooks zeroDimsInFlow(int hidden, int... dims) {
        return new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point == HookPoint.NORMALIZED_RESID_POST;
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                for (int row = 0; row < batch.rows(); row++) {
                    for (int d : dims) {
                        activation[row * hidden + d] = 0f;
                    }
                }
            }
        };
    }
}
