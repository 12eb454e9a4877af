package dev.tails.spark;

import dev.tails.cli.ZeroSpec;
import dev.tails.hook.HookRegistry;
import dev.tails.model.ModelConfig;

import java.io.Serializable;
import java.util.List;

/**
 * The CLI's --zero-dims, --zero-neurons and --zero-heads values (L|*|E:i,i,..), kept as text so a job
 * can ship them to its executors, and parsed there by the same {@link ZeroSpec} as the CLI's.
 */
public record Interventions(List<String> zeroDims, List<String> zeroNeurons, List<String> zeroHeads)
        implements Serializable {
    /** No intervention. */
    public static final Interventions NONE = new Interventions(List.of(), List.of(), List.of());

    /** Copies the lists; parses every value so a bad one fails on the driver, before any task starts. */
    public Interventions {
        zeroDims = List.copyOf(zeroDims);
        zeroNeurons = List.copyOf(zeroNeurons);
        zeroHeads = List.copyOf(zeroHeads);
        ZeroSpec.parseAll(zeroDims, zeroNeurons, zeroHeads);
    }

    /** The specs in the CLI's order: dims, neurons, heads. */
    public List<ZeroSpec> specs() {
        return ZeroSpec.parseAll(zeroDims, zeroNeurons, zeroHeads);
    }

    /** A registry holding the interventions, checked against the model's config. */
    public HookRegistry registry(ModelConfig config) {
        return ZeroSpec.registry(config, specs());
    }

    /** As the CLI writes them into an output's settings ("" with none). */
    public String describe() {
        return ZeroSpec.describe(specs());
    }
}
