package dev.tails.analysis;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.hook.Interventions;
import dev.tails.model.Batch;
import dev.tails.model.EmbeddingWeights;
import dev.tails.model.EncoderOutput;
import dev.tails.model.EncoderWeights;
import dev.tails.model.ForwardHooks;
import dev.tails.model.HookPoint;
import dev.tails.model.LayerNormWeights;
import dev.tails.model.LayerWeights;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerNormDimZeroingTest {

    /**
     * A 3-wide LayerNorm, gamma (1, 2, 3), beta (0.5, 0.5, 0.5), eps 0, on x = (1, 2, 3): mean 2, variance 2/3,
     * x-hat = (-sqrt(1.5), 0, sqrt(1.5)) = (-1.224745, 0, 1.224745); y = (0.5 - 1.224745, 0.5, 0.5 + 3 * 1.224745)
     * = (-0.724745, 0.5, 4.174235). With dim 2's gamma and beta zeroed: (-0.724745, 0.5, 0); dims 0 and 1 keep
     * their values because the mean and variance come from the input, which is unchanged.
     */
    @Test
    void zeroedDimOfATinyLayerNormByHand() {
        LayerNormWeights norm = new LayerNormWeights(new float[] {1, 2, 3}, new float[] {0.5f, 0.5f, 0.5f}, 0f);
        EncoderWeights tiny = new EncoderWeights(new EmbeddingWeights(null, null, null, norm, null),
                List.of(new LayerWeights(null, null, null, null, norm, null, null, norm)), null);
        EncoderWeights zeroed = LayerNormDimZeroing.of(tiny, 2);

        float[] y = new float[3];
        norm.apply(new float[] {1, 2, 3}, 1, y);
        assertArrayEquals(new float[] {-0.724745f, 0.5f, 4.174235f}, y, 1e-5f);
        for (LayerNormWeights n : List.of(zeroed.embeddings().norm(), zeroed.layers().getFirst().attentionNorm(),
                zeroed.layers().getFirst().outputNorm())) {
            n.apply(new float[] {1, 2, 3}, 1, y);
            assertArrayEquals(new float[] {-0.724745f, 0.5f, 0f}, y, 1e-5f);
        }
        assertArrayEquals(new float[] {1, 2, 3}, norm.gamma(), "the original is untouched");
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, norm.beta());
        assertThrows(TailsException.class, () -> LayerNormDimZeroing.of(tiny, 3));
    }

    /**
     * Identity: a LayerNorm whose gamma and beta are zero at d outputs 0 at d and the same values elsewhere,
     * so the edited model equals the original with dim d zeroed at the three LayerNorm outputs
     * (hook_full_embed, every hook_normalized_resid_mid and hook_normalized_resid_post). The matrices are shared.
     */
    @Test
    void theEditedModelIsTheOriginalWithTheNormOutputsZeroed() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        int dim = 7;
        Model edited = model.withWeights(LayerNormDimZeroing.of(model.weights(), dim));
        assertSame(model.weights().layers().get(1).query(), edited.weights().layers().get(1).query());
        assertSame(model.weights().embeddings().word(), edited.weights().embeddings().word());

        HookRegistry hooks = new HookRegistry(model.config()).add(new HookSite(HookPoint.FULL_EMBED, 0), Interventions.zeroDims(dim));
        for (int layer = 0; layer < model.config().numLayers(); layer++) {
            hooks.add(new HookSite(HookPoint.NORMALIZED_RESID_MID, layer), Interventions.zeroDims(dim));
            hooks.add(new HookSite(HookPoint.NORMALIZED_RESID_POST, layer), Interventions.zeroDims(dim));
        }
        Batch batch = model.batch(List.of("The bank raised its rates again this year.", "a"), false);
        EncoderOutput viaWeights = edited.forward(batch, ForwardHooks.NONE);
        EncoderOutput viaHooks = model.forward(batch, hooks);
        EncoderOutput original = model.forward(batch, ForwardHooks.NONE);
        int h = model.config().hiddenSize();
        for (int s = 0; s < viaWeights.numStates(); s++) {
            float[] a = viaWeights.hidden(s, 0);
            assertArrayEquals(viaHooks.hidden(s, 0), a, 1e-5f, "state " + s);
            for (int t = 0; t < a.length / h; t++) {
                assertEquals(0f, a[t * h + dim], "state " + s + " token " + t);
            }
        }
        float[] last = original.hidden(viaWeights.numStates() - 1, 0);
        float[] lastEdited = viaWeights.hidden(viaWeights.numStates() - 1, 0);
        assertEquals(false, Arrays.equals(last, lastEdited), "the edit changes the output");
        assertEquals(model.forward(batch, ForwardHooks.NONE).hidden(3, 0)[0], last[0], "the original model is untouched");
        EncoderWeights oneLayer = new EncoderWeights(model.weights().embeddings(), model.weights().layers().subList(0, 1), null);
        TailsException e = assertThrows(TailsException.class, () -> model.withWeights(oneLayer));
        assertTrue(e.getMessage().contains("1 layers given, the model has 3"), e.getMessage());
    }
}
