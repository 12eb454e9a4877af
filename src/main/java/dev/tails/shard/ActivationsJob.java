package dev.tails.shard;

import dev.tails.TailsException;
import dev.tails.corpus.CorpusBatch;
import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.Batch;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.ModelConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the activations of the hook points some patterns select, per token ([tokens, ...] in the
 * DESIGN.md §4 row shapes). Attention maps ([heads, T, T]) have no token-major layout and are refused:
 * they go to a single-file output.
 */
public final class ActivationsJob implements ShardJob<ActivationsJob.Capture> {
    private final Supplier<HookRegistry> interventions;
    private final List<String> patterns;

    /** interventions: a fresh registry holding the run's interventions (or none), to which the capture is added. */
    public ActivationsJob(ModelConfig config, List<String> patterns, Supplier<HookRegistry> interventions) {
        for (String pattern : patterns) {
            for (HookSite site : new HookRegistry(config).names().resolve(pattern)) {
                if (site.point().layout() == HookPoint.Layout.ATTENTION) {
                    throw new TailsException("hook '" + site.name() + "' is an attention map [heads, T, T]: sharded output "
                            + "keeps token rows only; write attention maps to a single .safetensors or .npz file");
                }
            }
        }
        this.patterns = List.copyOf(patterns);
        this.interventions = interventions;
    }

    /** One batch's hooks: the interventions, then a cache of the selected points. */
    public record Capture(HookRegistry hooks, ActivationCache cache) implements ForwardHooks {
        @Override
        public boolean active(HookPoint point, int layer) {
            return hooks.active(point, layer);
        }

        @Override
        public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
            hooks.fire(point, layer, activation, batch);
        }
    }

    @Override
    public Capture hooksForBatch() {
        HookRegistry hooks = interventions.get();
        ActivationCache cache = new ActivationCache();
        patterns.forEach(p -> hooks.add(p, cache.capture()));
        return new Capture(hooks, cache);
    }

    @Override
    public TextTensors tensors(CorpusBatch batch, Capture capture, int sequence) {
        Map<String, dev.tails.tensor.FloatTensor> perToken = new LinkedHashMap<>();
        for (String name : capture.cache().names()) {
            perToken.put(name, capture.cache().get(name, sequence));
        }
        return new TextTensors(perToken, Map.of());
    }
}
