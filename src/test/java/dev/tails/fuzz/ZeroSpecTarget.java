package dev.tails.fuzz;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.cli.ZeroSpec;
import dev.tails.hook.HookRegistry;
import dev.tails.model.ModelConfig;

import java.nio.charset.StandardCharsets;

/**
 * A `--zero-dims|--zero-neurons|--zero-heads` value as a user might type it: parsed as each kind,
 * then attached to a registry of tiny-bert's config (ranges checked). Only TailsException may
 * escape, and a spec that attaches must name indices inside the model.
 */
final class ZeroSpecTarget implements FuzzTarget {
    private ModelConfig config;

    @Override
    public String name() {
        return "zero-spec";
    }

    @Override
    public void run(byte[] input) {
        if (config == null) {
            config = ModelConfig.load(TestFiles.resource("models/tiny-bert"));
        }
        String value = new String(input, StandardCharsets.UTF_8);
        for (ZeroSpec.Kind kind : ZeroSpec.Kind.values()) {
            try {
                ZeroSpec spec = ZeroSpec.parse(kind, value);
                spec.attachTo(new HookRegistry(config));
                int bound = switch (kind) {
                    case DIMS -> config.hiddenSize();
                    case NEURONS -> config.intermediateSize();
                    case HEADS -> config.numHeads();
                };
                for (int index : spec.indices()) {
                    if (index < 0 || index >= bound) {
                        throw new AssertionError(kind + " " + value + " attached with index " + index);
                    }
                }
            } catch (TailsException refused) {
                // the contract: a clear refusal
            }
        }
    }
}
