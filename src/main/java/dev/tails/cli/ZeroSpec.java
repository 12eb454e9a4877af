package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.hook.Hook;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code --zero-dims|--zero-neurons|--zero-heads} option value, {@code LAYER:i,i,..}, as a
 * spec. {@link #parse} is a pure function of its arguments checking syntax only; {@link #attachTo}
 * checks layers and indices against the model. Every error names the option and its value.
 */
public record ZeroSpec(Kind kind, String value, int layer, int[] indices) {
    /** {@link #layer} for {@code *}: every block (not the embeddings). */
    public static final int EVERY_BLOCK = -1;
    /** {@link #layer} for {@code E}: the embedding output, {@code hook_full_embed} (dims only). */
    public static final int EMBEDDINGS = -2;

    public enum Kind {
        DIMS("--zero-dims", "hook_normalized_resid_post"),
        NEURONS("--zero-neurons", "mlp.hook_post"),
        HEADS("--zero-heads", "attn.hook_z");

        private final String option;
        private final String suffix;

        Kind(String option, String suffix) {
            this.option = option;
            this.suffix = suffix;
        }

        public String option() {
            return option;
        }
    }

    public ZeroSpec {
        indices = indices.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    public static ZeroSpec parse(Kind kind, String value) {
        if (value == null) {
            throw error(kind, null, "missing value, expected LAYER:i,i,..");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw error(kind, value, "expected LAYER:i,i,.. (e.g. 3:5,17), found no ':'");
        }
        String layerText = value.substring(0, colon).strip();
        int layer = switch (layerText) {
            case "*" -> EVERY_BLOCK;
            case "E", "e" -> {
                if (kind != Kind.DIMS) {
                    throw error(kind, value, "'E' (the embeddings) is for --zero-dims only; give a block number or *");
                }
                yield EMBEDDINGS;
            }
            default -> number(kind, value, layerText, "layer");
        };
        String list = value.substring(colon + 1);
        if (list.isBlank()) {
            throw error(kind, value, "no indices after ':'");
        }
        int[] indices = Arrays.stream(list.split(",", -1)).mapToInt(s -> number(kind, value, s.strip(), "index")).toArray();
        return new ZeroSpec(kind, value, layer, indices);
    }

    private static int number(Kind kind, String value, String text, String what) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error(kind, value, what + " '" + text + "' is not a non-negative integer"
                    + ("layer".equals(what) ? (kind == Kind.DIMS ? ", * or E" : " or *") : ""));
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(kind, value, what + " '" + text + "' is too large");
        }
    }

    /** The hook name or pattern this spec edits. */
    public String hookName() {
        return switch (layer) {
            case EMBEDDINGS -> HookPoint.FULL_EMBED.nameAt(0);
            case EVERY_BLOCK -> "blocks.*." + kind.suffix;
            default -> "blocks." + layer + "." + kind.suffix;
        };
    }

    /** Adds the zeroing hook to the registry; a layer or index the model lacks fails here, before any computation. */
    public void attachTo(HookRegistry registry) {
        Hook hook = switch (kind) {
            case DIMS -> Interventions.zeroDims(indices);
            case NEURONS -> Interventions.zeroNeurons(indices);
            case HEADS -> Interventions.zeroHeads(indices);
        };
        try {
            registry.add(hookName(), hook);
        } catch (TailsException e) {
            throw error(kind, value, e.getMessage());
        }
    }

    /** The values of the three options as specs, in this order: dims, neurons, heads. */
    public static List<ZeroSpec> parseAll(List<String> dims, List<String> neurons, List<String> heads) {
        List<ZeroSpec> specs = new ArrayList<>();
        dims.forEach(v -> specs.add(parse(Kind.DIMS, v)));
        neurons.forEach(v -> specs.add(parse(Kind.NEURONS, v)));
        heads.forEach(v -> specs.add(parse(Kind.HEADS, v)));
        return specs;
    }

    /** A registry holding these interventions; ranges are checked here, against config.json, before any forward. */
    public static HookRegistry registry(ModelConfig config, List<ZeroSpec> specs) {
        HookRegistry hooks = new HookRegistry(config);
        specs.forEach(spec -> spec.attachTo(hooks));
        return hooks;
    }

    /** "--zero-dims *:557 --zero-heads 3:1", or "" with none: how a run's output names its interventions. */
    public static String describe(List<ZeroSpec> specs) {
        return String.join(" ", specs.stream().map(s -> s.kind().option() + " " + s.value()).toList());
    }

    private static TailsException error(Kind kind, String value, String rule) {
        return new TailsException(kind.option + " '" + value + "': " + rule);
    }
}
