package dev.tails.hook;

import dev.tails.TestFiles;
import dev.tails.TinyModels;
import dev.tails.model.Batch;
import dev.tails.model.Encoder;
import dev.tails.model.EncoderOutput;
import dev.tails.model.EncoderWeights;
import dev.tails.model.ForwardHooks;
import dev.tails.model.LayerWeights;
import dev.tails.model.LinearWeights;
import dev.tails.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.tails.model.GoldenAssert.assertClose;
import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hooks against weight edits that must give the same forward pass, on tiny-bert, tiny-distilbert
 * (other tensor names, no token types, no pooler) and (when fetched) bert-base-cased: the hooks take
 * one route, the edited weights another.
 */
class InterventionIdentityTest {
    private static final double TOLERANCE = 1e-5;

    private static Model model(String name) {
        if (name.equals("tiny-bert")) {
            return TinyModels.tinyBert();
        }
        if (name.startsWith("tiny-")) {
            return Model.load(TestFiles.resource("models/" + name));
        }
        Path dir = TestFiles.fetchedModel(name);
        assumeTrue(dir != null, name + " not fetched (./tails fetch " + name + "); skipping its identities");
        return Model.load(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "tiny-distilbert", "bert-base-cased"})
    void zeroNeuronsEqualsZeroOutputDenseColumns(String name) {
        Model model = model(name);
        int layer = 1;
        int[] neurons = {3, 17, model.config().intermediateSize() - 1};
        Encoder edited = editLayer(model, layer, w -> {
            LinearWeights out = w.output();
            float[] weight = out.weight().clone();  // [H, I]: neuron j's column is j of each row
            for (int row = 0; row < out.out(); row++) {
                for (int j : neurons) {
                    weight[row * out.in() + j] = 0;
                }
            }
            return new LayerWeights(w.query(), w.key(), w.value(), w.attentionOutput(), w.attentionNorm(),
                    w.intermediate(), new LinearWeights(weight, out.bias(), out.out(), out.in()), w.outputNorm());
        });
        assertSameForward(model, "blocks." + layer + ".mlp.hook_post", Interventions.zeroNeurons(neurons), edited);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "tiny-distilbert", "bert-base-cased"})
    void zeroHeadEqualsZeroValueRows(String name) {
        Model model = model(name);
        int layer = 0;
        int head = 2;
        int dh = model.config().headDim();
        Encoder edited = editLayer(model, layer, w -> {
            LinearWeights v = w.value();
            float[] weight = v.weight().clone();  // [H, H]: output rows head*dh .. head*dh+dh-1 feed this head
            float[] bias = v.bias().clone();
            java.util.Arrays.fill(weight, head * dh * v.in(), (head + 1) * dh * v.in(), 0f);
            java.util.Arrays.fill(bias, head * dh, (head + 1) * dh, 0f);
            return new LayerWeights(w.query(), w.key(), new LinearWeights(weight, bias, v.out(), v.in()),
                    w.attentionOutput(), w.attentionNorm(), w.intermediate(), w.output(), w.outputNorm());
        });
        assertSameForward(model, "blocks." + layer + ".attn.hook_z", Interventions.zeroHeads(head), edited);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "bert-base-cased"})
    void dimZeroedAtEveryOutputChangesTheNextLayers(String name) {
        Model model = model(name);
        int dim = 5;
        int h = model.config().hiddenSize();
        Batch batch = TinyModels.batch(model);
        EncoderOutput plain = model.forward(batch, ForwardHooks.NONE);
        EncoderOutput zeroed = model.forward(batch, new HookRegistry(model.config())
                .add("blocks.*.hook_normalized_resid_post", Interventions.zeroDims(dim)));
        for (int state = 1; state < plain.numStates(); state++) {
            for (int b = 0; b < batch.size(); b++) {
                float[] before = plain.hidden(state, b);
                float[] after = zeroed.hidden(state, b);
                for (int row = 0; row < batch.length(b); row++) {
                    assertEquals(0f, after[row * h + dim], "dim stays zeroed, state " + state);
                    before[row * h + dim] = 0;  // what zeroing only the recorded vector would give
                }
                double diff = maxAbsDiff(before, after, "state " + state);
                if (state == 1) {
                    assertEquals(0, diff, "layer 0 sees unedited input: only its own dim changes");
                } else {
                    assertTrue(diff > 1e-3, name + ": state " + state + " of text " + b
                            + " moved only at the zeroed dim (max other change " + diff + ")");
                }
            }
        }
    }

    private static Encoder editLayer(Model model, int layer, UnaryOperator<LayerWeights> edit) {
        EncoderWeights w = model.weights();
        List<LayerWeights> layers = new ArrayList<>(w.layers());
        layers.set(layer, edit.apply(layers.get(layer)));
        return new Encoder(model.config(), new EncoderWeights(w.embeddings(), layers, w.pooler()));
    }

    private static void assertSameForward(Model model, String hookName, Hook hook, Encoder edited) {
        String what = model.folder().getFileName() + " " + hookName;
        Batch batch = TinyModels.batch(model);
        EncoderOutput viaHooks = model.forward(batch, new HookRegistry(model.config()).add(hookName, hook));
        EncoderOutput viaWeights = edited.forward(batch);
        EncoderOutput plain = model.forward(batch, ForwardHooks.NONE);
        for (int b = 0; b < batch.size(); b++) {
            assertClose(viaWeights.allHidden(b), viaHooks.allHidden(b), TOLERANCE, what + " text " + b);
            if (model.weights().pooler() != null) {
                assertClose(viaWeights.pooled(b), viaHooks.pooled(b), TOLERANCE, what + " pooled " + b);
            }
        }
        assertTrue(maxAbsDiff(plain.allHidden(0), viaHooks.allHidden(0), what) > 1e-4, what + ": the intervention changed something");
    }
}
