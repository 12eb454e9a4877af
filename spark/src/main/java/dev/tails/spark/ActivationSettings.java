package dev.tails.spark;

import dev.tails.TailsException;

import java.io.Serializable;
import java.util.List;

/**
 * What the activations job computes, as the CLI's `tails activations` options say it.
 *
 * @param model the model folder, on storage every node sees or shipped with the job (see {@link ModelCache#resolve})
 * @param hooks hook names or patterns (* within one dot segment), e.g. {@code blocks.*.mlp.hook_post}
 * @param interventions the --zero-* interventions applied in the graph
 * @param batchSize texts per forward pass
 * @param truncate cut texts longer than the model allows instead of failing
 * @param textsPerBlock texts a task runs and holds at once (sorted by length into batches)
 */
public record ActivationSettings(String model, List<String> hooks, Interventions interventions, int batchSize,
                                 boolean truncate, int textsPerBlock) implements Serializable {
    /** Strips the patterns; refuses empty hooks and sizes below 1. */
    public ActivationSettings {
        hooks = hooks.stream().map(String::strip).toList();
        if (hooks.isEmpty()) {
            throw new TailsException("activations: no hook names or patterns given");
        }
        if (batchSize < 1 || textsPerBlock < 1) {
            throw new TailsException("activations: batch size and texts per block must be at least 1, got "
                    + batchSize + " and " + textsPerBlock);
        }
    }

    /** The CLI's defaults: batches of 16, no truncation, no intervention, 512 texts a block. */
    public static ActivationSettings of(String model, List<String> hooks) {
        return new ActivationSettings(model, hooks, Interventions.NONE, 16, false, 512);
    }
}
