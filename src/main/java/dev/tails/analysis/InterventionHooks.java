package dev.tails.analysis;

import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.hook.Interventions;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

import java.util.stream.IntStream;

/** The study's in-graph intervention beside the clip, built from the ready-made hooks. */
public final class InterventionHooks {
    private InterventionHooks() {
    }

    /** The position embeddings are zero: what the tails are without them. */
    public static ForwardHooks zeroPositionEmbeddings(ModelConfig config) {
        // the lookup is as wide as the tables: narrower than the hidden states for ELECTRA's small models
        int[] everyDim = IntStream.range(0, config.embeddingSize()).toArray();
        return new HookRegistry(config).add(new HookSite(HookPoint.POS_EMBED, 0), Interventions.zeroDims(everyDim));
    }
}
