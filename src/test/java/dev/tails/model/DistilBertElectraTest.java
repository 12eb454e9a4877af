package dev.tails.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.hook.HookShape;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsFile;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static dev.tails.model.GoldenAssert.toInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * model_type distilbert and electra end to end: text through tails' WordPiece tokenizer and the
 * encoder, against token ids from HF's tokenizer and hidden states from PyTorch re-implementations
 * of DistilBertModel / ElectraModel (scripts/goldens/tiny_distilbert_electra.py).
 */
class DistilBertElectraTest {
    private static final double TOLERANCE = 1e-5;

    private static Model load(String name) {
        return Model.load(TestFiles.resource("models/" + name));
    }

    private static JsonNode inputs(String set) throws IOException {
        return Json.MAPPER.readTree(TestFiles.resource("golden/inputs/" + set + ".json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-distilbert", "tiny-electra"})
    void textsAndPairsOneAtATimeMatchTheGoldens(String name) throws IOException {
        Model model = load(name);
        double worst = 0;
        for (String set : List.of("visible", "pairs")) {
            JsonNode texts = inputs(set);
            try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/" + name + "/" + set + ".safetensors"))) {
                assertEquals(texts.size() * 3, golden.names().size(), "golden holds ids, types and hidden per text");
                for (int i = 0; i < texts.size(); i++) {
                    JsonNode text = texts.get(i);
                    Encoding e = text.isArray() ? model.tokenizer().encodePair(text.get(0).asText(), text.get(1).asText())
                            : model.tokenizer().encode(text.asText());
                    String key = set + " s" + i + ".";
                    assertArrayEquals(toInts(golden.longs("s" + i + ".input_ids")), e.ids(), key + "ids");
                    assertArrayEquals(toInts(golden.longs("s" + i + ".token_type_ids")), e.typeIds(), key + "types");
                    EncoderOutput out = model.encoder().forward(Batch.of(List.of(e), model.config()));
                    worst = Math.max(worst, maxAbsDiff(golden.floats("s" + i + ".hidden").data(), out.allHidden(0), key));
                }
            }
        }
        System.out.printf("%s: texts and pairs, worst |tails - golden| = %.3g%n", name, worst);
        assertTrue(worst <= TOLERANCE, name + ": worst " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-distilbert", "tiny-electra"})
    void onePaddedBatchMatchesTheGolden(String name) throws IOException {
        Model model = load(name);
        List<String> texts = new ArrayList<>();
        inputs("visible").forEach(t -> texts.add(t.asText()));
        EncoderOutput out = model.forward(texts);
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/" + name + "/visible.batched.safetensors"))) {
            int t = golden.info("input_ids").shape()[1];
            assertEquals(t, out.batch().seqLen());
            long[] ids = golden.longs("input_ids");
            for (int row = 0; row < ids.length; row++) {
                assertEquals(ids[row], out.batch().inputId(row), "padded id at row " + row);
            }
            float[] hidden = golden.floats("hidden").data();  // [B, L+1, T, H]
            int states = out.numStates();
            int h = model.config().hiddenSize();
            double worst = 0;
            for (int s = 0; s < texts.size(); s++) {
                for (int state = 0; state < states; state++) {
                    int from = (s * states + state) * t * h;
                    float[] expected = Arrays.copyOfRange(hidden, from, from + out.batch().length(s) * h);
                    worst = Math.max(worst, maxAbsDiff(expected, out.hidden(state, s), name + " seq " + s + " state " + state));
                }
            }
            System.out.printf("%s: padded batch, worst |tails - golden| = %.3g%n", name, worst);
            assertTrue(worst <= TOLERANCE, name + ": worst " + worst);
        }
    }

    @Test
    void distilBertHasNoTokenTypesAndNoPooler() {
        Model model = load("tiny-distilbert");
        assertEquals(ModelFamily.DISTILBERT, model.config().family());
        assertEquals(1e-12f, model.config().layerNormEps());
        assertNull(model.weights().embeddings().tokenType());
        assertNull(model.weights().pooler());
    }

    @Test
    void electraProjectsItsNarrowEmbeddingsToTheHiddenSize() {
        Model model = load("tiny-electra");
        assertEquals(16, model.config().embeddingSize());
        assertEquals(32, model.config().hiddenSize());
        LinearWeights projection = model.weights().embeddings().projection();
        assertEquals(16, projection.in());
        assertEquals(32, projection.out());
        assertTrue(model.unusedTensors().contains("discriminator_predictions.dense.weight"), model.unusedTensors().toString());
    }

    /** The lookups keep the tables' width E; hook_full_embed is hidden state 0, after the projection, width H. */
    @Test
    void electraEmbeddingHooksHaveTheTablesWidthAndFullEmbedTheHiddenWidth() {
        Model model = load("tiny-electra");
        Batch batch = model.batch(List.of("The bank raised its rates."), false);
        Map<HookPoint, float[]> seen = new EnumMap<>(HookPoint.class);
        EncoderOutput out = model.forward(batch, new ForwardHooks() {
            @Override
            public boolean active(HookPoint point, int layer) {
                return point.stage() == HookPoint.Stage.EMBEDDINGS;
            }

            @Override
            public void fire(HookPoint point, int layer, float[] activation, Batch b) {
                seen.put(point, activation.clone());
            }
        });
        int rows = batch.rows();
        for (HookPoint lookup : List.of(HookPoint.EMBED, HookPoint.POS_EMBED, HookPoint.TOKEN_TYPE_EMBED)) {
            assertEquals(rows * 16, seen.get(lookup).length, lookup.name());
            assertArrayEquals(new int[] {rows, 16}, HookShape.of(model.config()).perSequence(lookup.layout(), rows));
        }
        assertArrayEquals(out.hiddenStates()[0], seen.get(HookPoint.FULL_EMBED));
        assertEquals(rows * 32, seen.get(HookPoint.FULL_EMBED).length);
    }
}
