package dev.tails.cli;

import dev.tails.hook.HookRegistry;
import dev.tails.model.ModelConfig;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The --zero-* interventions a command applies in the graph, parsed once and attached to each registry it makes. */
final class InterventionOptions {
    @Option(names = "--zero-dims", paramLabel = "L|*|E:d,d,..",
            description = "Zero dims of block L's output (blocks.L.hook_normalized_resid_post); * = every block, E = the embedding output. Repeatable.")
    List<String> zeroDims = new ArrayList<>();

    @Option(names = "--zero-neurons", paramLabel = "L:j,j,..",
            description = "Zero FFN neurons of block L (blocks.L.mlp.hook_post). Repeatable.")
    List<String> zeroNeurons = new ArrayList<>();

    @Option(names = "--zero-heads", paramLabel = "L:h,h,..",
            description = "Zero attention heads of block L (their slice of blocks.L.attn.hook_z). Repeatable.")
    List<String> zeroHeads = new ArrayList<>();

    List<ZeroSpec> specs() {
        return ZeroSpec.parseAll(zeroDims, zeroNeurons, zeroHeads);
    }

    /** A registry holding the interventions; ranges are checked here, against config.json, before any forward. */
    HookRegistry registry(ModelConfig config) {
        return ZeroSpec.registry(config, specs());
    }

    /** "--zero-dims *:557 --zero-heads 3:1", or "" with none. */
    String describe() {
        return ZeroSpec.describe(specs());
    }
}
