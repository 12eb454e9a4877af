package dev.tails.analysis;

import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.model.ForwardHooks;
import dev.tails.model.ModelConfig;

import java.util.stream.IntStream;

/** The two in-graph interventions of the study, built from the ready-made hooks. */
public final class InterventionHooks {
    private InterventionHooks() {
    }

    /** The position embeddings are zero: what the tails are without them. */
    public static ForwardHooks zeroPositionEmbeddings(ModelConfig config) {
        int[] everyDim = IntStream.range(0, config.hiddenSize()).toArray();
        return new HookRegistry(config).add("embed.hook_pos_embed", Interventions.zeroDims(everyDim));
    }

    /** The given dims of every block output are zero as it flows into the next block (hidden states 1..L). */
    public static ForwardHooks zeroDimsInFlow(ModelConfig config, int... dims) {
        return new HookRegistry(config).add("blocks.*.hook_normalized_resid_post", Interventions.zeroDims(dims));
    }
}
