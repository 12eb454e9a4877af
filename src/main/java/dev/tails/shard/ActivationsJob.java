package dev.tails.shard;

import dev.tails.TailsException;
import dev.tails.corpus.CorpusBatch;
import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.tensor.FloatTensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the activations of the hook points some patterns select, per token ([tokens, ...] in the
 * DESIGN.md §4 row shapes). Attention maps ([heads, T, T]) have no token-major layout and are refused:
 * they go to a single-file output.
 */
public final class ActivationsJob implements ShardJob {
    private final HookRegistry hooks;
    private final ActivationCache cache = new ActivationCache();
    private final long floatsPerToken;

    /** interventions: a registry holding the run's interventions (or none), to which the capture is added. */
    public ActivationsJob(HookRegistry interventions, List<String> patterns) {
        long floats = 0;
        for (String pattern : patterns) {
            for (HookSite site : interventions.names().resolve(pattern)) {
                if (site.point().layout() == HookPoint.Layout.ATTENTION) {
                    throw new TailsException("hook '" + site.name() + "' is an attention map [heads, T, T]: sharded output "
                            + "keeps token rows only; write attention maps to a single .safetensors or .npz file");
                }
                floats += interventions.shape().rowWidth(site.point().layout());
            }
        }
        this.floatsPerToken = floats;
        patterns.forEach(p -> interventions.add(p, cache.capture()));
        this.hooks = interventions;
    }

    @Override
    public long floatsPerToken() {
        return floatsPerToken;
    }

    @Override
    public ForwardHooks hooks() {
        return hooks;
    }

    @Override
    public TextTensors tensors(CorpusBatch batch, int sequence) {
        Map<String, FloatTensor> perToken = new LinkedHashMap<>();
        for (String name : cache.names()) {
            perToken.put(name, cache.get(name, sequence));
        }
        return new TextTensors(perToken, Map.of());
    }

    /** The cache numbers the sequences of each batch from 0. */
    @Override
    public void batchDone() {
        cache.clear();
    }
}
