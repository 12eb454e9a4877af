package dev.tails.attribution;

import dev.tails.TestFiles;
import dev.tails.hook.ActivationCache;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.model.Batch;
import dev.tails.model.HookPoint;
import dev.tails.model.LayerNormWeights;
import dev.tails.model.LinearWeights;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small cases checkable by hand, and a unit's credit checked by an independent route: zeroing it in
 * the forward moves the LayerNorm input by exactly what the frozen LayerNorm turns into its part.
 */
class UnitEffectTest {
    private static final int BLOCK = 1;
    private static final int DIM = 5;

    @Test
    void centeredRowByHand() {
        // W = [[1, 2], [3, 6]]: column means (2, 4); row 0 minus them is (-1, -2).
        var w = new LinearWeights(new float[] {1, 2, 3, 6}, new float[] {0.5f, 1.5f}, 2, 2);
        assertArrayEquals(new double[] {-1, -2}, CenteredWeights.row(w, 0), 0);
        assertEquals(-0.5, CenteredWeights.at(w.bias(), 0, 2, 0), 0);
    }

    @Test
    void frozenNormByHand() {
        // x = (1, 3): mean 2, biased variance 1, sigma 1 with eps 0, so scale = gamma.
        var norm = new LayerNormWeights(new float[] {2, 4}, new float[] {0.5f, -1}, 0);
        FrozenNorm frozen = FrozenNorm.of(norm, 1, new float[] {1, 3}, 0, 2);
        assertEquals(-1, frozen.beta(), 0);
        assertEquals(4, frozen.scale(), 1e-12);
    }

    @Test
    void zeroingANeuronRemovesExactlyItsPart() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        int neuron = 3;
        int neurons = model.config().intermediateSize();
        assertAblationMatchesPart(model, HookPoint.MLP_POST, HookPoint.RESID_POST,
                (act, row) -> act[row * neurons + neuron] = 0,
                (decomposer, forward, row) -> decomposer.neurons(forward, row).units()[neuron],
                model.weights().layers().get(BLOCK).outputNorm());
    }

    @Test
    void zeroingAHeadRemovesExactlyItsPart() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        int head = 2;
        int hidden = model.config().hiddenSize();
        int headDim = model.config().headDim();
        assertAblationMatchesPart(model, HookPoint.Z, HookPoint.RESID_MID,
                (z, row) -> java.util.Arrays.fill(z, row * hidden + head * headDim, row * hidden + (head + 1) * headDim, 0),
                (decomposer, forward, row) -> decomposer.heads(forward, row).units()[head],
                model.weights().layers().get(BLOCK).attentionNorm());
    }

    private interface RowEdit {
        void apply(float[] activation, int row);
    }

    private interface Part {
        double of(BlockDecomposer decomposer, CapturedForward forward, int row);
    }

    private static void assertAblationMatchesPart(Model model, HookPoint unitPoint, HookPoint normInput, RowEdit zero,
                                                  Part part, LayerNormWeights norm) {
        Batch batch = model.batch(List.of("The bank raised its rates.", "Hi"), false);
        int hidden = model.config().hiddenSize();
        CapturedForward forward = CapturedForward.run(model, batch, Set.of(BLOCK));
        ActivationCache after = new ActivationCache();
        model.forward(batch, new HookRegistry(model.config())
                .add(new HookSite(unitPoint, BLOCK), data -> {
                    for (int row = 0; row < batch.rows(); row++) {
                        zero.apply(data.data(), row);
                    }
                })
                .add(new HookSite(normInput, BLOCK), after.capture()));
        BlockDecomposer decomposer = new BlockDecomposer(model, BLOCK, DIM);
        for (int row = 0; row < batch.rows(); row++) {
            if (batch.isPadding(row)) {
                continue;
            }
            CapturedForward.Row before = forward.row(normInput, BLOCK, row);
            float[] ablated = after.get(normInput.nameAt(BLOCK), row / batch.seqLen()).data();
            int ablatedOff = (row % batch.seqLen()) * hidden;
            double removed = CenteredWeights.at(before.data(), before.offset(), hidden, DIM)
                    - CenteredWeights.at(ablated, ablatedOff, hidden, DIM);
            double expected = FrozenNorm.of(norm, DIM, before.data(), before.offset(), hidden).scale() * removed;
            assertEquals(expected, part.of(decomposer, forward, row), 1e-5, "row " + row);
        }
    }
}
