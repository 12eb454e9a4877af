package dev.tails.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * What a forward does only where no hook listens: it reuses q, k, v, z and the feed-forward's
 * intermediate from layer to layer (what a hook keeps must stay as it was handed), and adds each
 * residual inside the output projections. Neither may change a bit.
 */
class ForwardShortcutsTest {
    private static final ModelConfig CONFIG =
            new ModelConfig(ModelFamily.BERT, 300, 32, 3, 2, 64, 128, 2, 1e-12f, Activation.GELU_ERF, 0, true);

    private static Batch batch() {
        int[][] ids = {new int[23], new int[9]};
        for (int[] row : ids) {
            for (int t = 0; t < row.length; t++) {
                row[t] = (t * 31 + row.length) % CONFIG.vocabSize();
            }
        }
        return Batch.of(ids, new int[][]{new int[23], new int[9]}, CONFIG);
    }

    @Test
    void activationsAHookKeepsAreNotOverwrittenByLaterLayers() {
        Encoder encoder = RandomEncoder.create(CONFIG, 5);
        Set<HookPoint> watched = EnumSet.of(HookPoint.Q, HookPoint.K, HookPoint.V, HookPoint.Z, HookPoint.MLP_POST);
        List<float[]> kept = new ArrayList<>(), copies = new ArrayList<>();
        encoder.forward(batch(), new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return watched.contains(point);
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
                kept.add(activation);
                copies.add(activation.clone());
            }
        });
        for (int i = 0; i < kept.size(); i++) {
            assertArrayEquals(copies.get(i), kept.get(i), "activation " + i + " as it was handed");
        }
        assertNotSame(kept.get(0), kept.get(watched.size()), "layer 0's q and layer 1's q are two arrays");
    }

    @Test
    void reusedBuffersGiveTheSameBitsAsFreshOnes() {
        assertSameBitsWhenWatching(EnumSet.of(HookPoint.Q, HookPoint.K, HookPoint.V, HookPoint.Z, HookPoint.MLP_POST));
    }

    @Test
    void residualsAddedInTheProjectionsGiveTheSameBitsAsAddedAfter() {
        assertSameBitsWhenWatching(EnumSet.of(HookPoint.ATTN_OUT, HookPoint.MLP_OUT));
    }

    /** Listening at these points (and changing nothing) turns their shortcuts off. */
    private static void assertSameBitsWhenWatching(Set<HookPoint> watched) {
        Encoder encoder = RandomEncoder.create(CONFIG, 6);
        EncoderOutput shortcut = encoder.forward(batch());
        EncoderOutput plain = encoder.forward(batch(), new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return watched.contains(point);
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch batch) {
            }
        });
        for (int s = 0; s < shortcut.numStates(); s++) {
            assertArrayEquals(plain.hiddenStates()[s], shortcut.hiddenStates()[s], "hidden state " + s);
        }
        assertArrayEquals(plain.pooled(), shortcut.pooled(), Arrays.toString(shortcut.pooled()));
    }
}
