package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.tails.model.GoldenAssert.assertClose;
import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names, patterns, checks before computation, in-place edits, and registries that stay per call. */
class HookRegistryTest {
    private final Model model = TinyModels.tinyBert();

    private HookRegistry registry() {
        return new HookRegistry(model.config());
    }

    @Test
    void unknownNameListsTheClosestValidNames() {
        TailsException e = assertThrows(TailsException.class, () -> registry().add("blocks.1.mlp.hook_pots", d -> { }));
        assertTrue(e.getMessage().contains("blocks.1.mlp.hook_post") && e.getMessage().contains("closest"), e.getMessage());
        e = assertThrows(TailsException.class, () -> registry().add("hook_full_embd", d -> { }));
        assertTrue(e.getMessage().contains("hook_full_embed"), e.getMessage());
    }

    @Test
    void layerOutOfRangeSaysTheRange() {
        TailsException e = assertThrows(TailsException.class, () -> registry().add("blocks.3.mlp.hook_post", d -> { }));
        assertTrue(e.getMessage().contains("layer 3") && e.getMessage().contains("blocks 0..2"), e.getMessage());
    }

    @Test
    void indexOutOfRangeFailsWhenAddedAndAddsNothing() {
        HookRegistry hooks = registry();
        TailsException e = assertThrows(TailsException.class, () -> hooks.add("blocks.*.mlp.hook_post", Interventions.zeroNeurons(1, 64)));
        assertTrue(e.getMessage().contains("neuron 64") && e.getMessage().contains("0..63"), e.getMessage());
        e = assertThrows(TailsException.class, () -> hooks.add("blocks.0.attn.hook_z", Interventions.zeroHeads(4)));
        assertTrue(e.getMessage().contains("head 4"), e.getMessage());
        e = assertThrows(TailsException.class, () -> hooks.add("blocks.0.hook_resid_post", Interventions.zeroDims(32)));
        assertTrue(e.getMessage().contains("dim 32"), e.getMessage());
        e = assertThrows(TailsException.class, () -> hooks.add("blocks.0.attn.hook_pattern", Interventions.zeroDims(0)));
        assertTrue(e.getMessage().contains("attention map"), e.getMessage());
        assertTrue(hooks.isEmpty());
    }

    @Test
    void patternsSelectEveryMatchingPointInForwardOrder() {
        HookNames names = registry().names();
        assertEquals(List.of("blocks.0.mlp.hook_post", "blocks.1.mlp.hook_post", "blocks.2.mlp.hook_post"),
                names.resolve("blocks.*.mlp.hook_post").stream().map(HookSite::name).toList());
        assertEquals(7, names.resolve("blocks.1.attn.*").size());
        assertEquals(4 + 3 * 16 + 2, names.all().size());  // embeddings, blocks, masked-LM head
        assertEquals(3, names.resolve("embed.*").size());
    }

    @Test
    void emptyRegistryGivesTheSameForwardAsNone() {
        Batch batch = TinyModels.batch(model);
        EncoderOutput none = model.forward(batch, ForwardHooks.NONE);
        EncoderOutput empty = model.forward(batch, registry());
        for (int s = 0; s < none.numStates(); s++) {
            assertArrayEquals(none.hiddenStates()[s], empty.hiddenStates()[s], "state " + s);
        }
    }

    @Test
    void inPlaceEditFlowsDownstreamAndLaterHooksSeeIt() {
        Batch batch = TinyModels.batch(model);
        ActivationCache seen = new ActivationCache();
        HookRegistry hooks = registry()
                .add("blocks.0.mlp.hook_post", d -> java.util.Arrays.fill(d.data(), 0f))
                .add("blocks.0.mlp.hook_post", seen.capture());
        EncoderOutput plain = model.forward(batch, ForwardHooks.NONE);
        EncoderOutput edited = model.forward(batch, hooks);
        assertEquals(0, maxAbsDiff(new float[seen.get("blocks.0.mlp.hook_post", 0).data().length],
                seen.get("blocks.0.mlp.hook_post", 0).data(), "captured after the edit"));
        for (int s = 1; s < plain.numStates(); s++) {
            assertTrue(maxAbsDiff(plain.hidden(s, 0), edited.hidden(s, 0), "state " + s) > 1e-3, "state " + s + " changed");
        }
        assertArrayEquals(plain.hidden(0, 0), edited.hidden(0, 0), "the embeddings are upstream");
    }

    @Test
    void hookResultSumsToAttentionOutputAndLeavesTheForwardAlone() {
        Batch batch = TinyModels.batch(model);
        ActivationCache cache = new ActivationCache();
        HookRegistry hooks = registry().add("blocks.1.attn.hook_result", cache.capture()).add("blocks.1.hook_attn_out", cache.capture());
        EncoderOutput plain = model.forward(batch, ForwardHooks.NONE);
        EncoderOutput hooked = model.forward(batch, hooks);
        int h = model.config().hiddenSize();
        int heads = model.config().numHeads();
        float[] bias = model.weights().layers().get(1).attentionOutput().bias();
        for (int b = 0; b < batch.size(); b++) {
            assertClose(plain.allHidden(b), hooked.allHidden(b), 1e-5, "text " + b);
            float[] result = cache.get("blocks.1.attn.hook_result", b).data();
            assertArrayEquals(new int[] {batch.length(b), heads, h}, cache.get("blocks.1.attn.hook_result", b).shape());
            float[] sum = new float[batch.length(b) * h];
            for (int i = 0; i < sum.length; i++) {
                int row = i / h;
                sum[i] = bias[i % h];
                for (int head = 0; head < heads; head++) {
                    sum[i] += result[(row * heads + head) * h + i % h];
                }
            }
            assertClose(cache.get("blocks.1.hook_attn_out", b).data(), sum, 1e-5, "sum of head results + bias");
        }
    }

    @Test
    void concurrentForwardsWithTheirOwnRegistriesDoNotMix() throws Exception {
        Batch batch = TinyModels.batch(model);
        EncoderOutput plainAlone = model.forward(batch, ForwardHooks.NONE);
        EncoderOutput zeroedAlone = model.forward(batch, registry().add("blocks.*.attn.hook_z", Interventions.zeroHeads(0, 1)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EncoderOutput[]>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean zero = i % 2 == 0;
                runs.add(pool.submit(() -> {
                    HookRegistry hooks = zero ? registry().add("blocks.*.attn.hook_z", Interventions.zeroHeads(0, 1)) : registry();
                    return new EncoderOutput[] {model.forward(batch, hooks), zero ? zeroedAlone : plainAlone};
                }));
            }
            for (Future<EncoderOutput[]> run : runs) {
                EncoderOutput[] got = run.get();
                assertClose(got[1].allHidden(0), got[0].allHidden(0), 1e-6, "concurrent forward");
            }
        } finally {
            pool.shutdown();
        }
    }
}
