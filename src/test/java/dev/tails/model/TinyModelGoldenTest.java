package dev.tails.model;

import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.tails.model.GoldenAssert.assertClose;
import static dev.tails.model.GoldenAssert.toInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny random-weight models against hidden states computed by PyTorch with HF semantics
 * (../shared/golden/README.md; tiny-xlm-roberta: scripts/goldens/README.md), from the golden token
 * ids, one text at a time and padded batches.
 */
class TinyModelGoldenTest {
    private static final double TOLERANCE = 1e-5;

    private static Model load(String model) {
        return Model.load(TestFiles.resource("models/" + model));
    }

    @ParameterizedTest
    @CsvSource({
            "tiny-bert, visible", "tiny-bert, edge", "tiny-bert, pairs",
            "tiny-bert-f16, visible", "tiny-bert-f16, edge", "tiny-bert-f16, pairs",
            "tiny-bert-bf16, visible", "tiny-bert-bf16, edge", "tiny-bert-bf16, pairs",
            "tiny-roberta, visible", "tiny-roberta, edge", "tiny-roberta, pairs",
            "tiny-xlm-roberta, visible", "tiny-xlm-roberta, multilingual", "tiny-xlm-roberta, pairs"})
    void oneTextAtATime(String modelName, String set) {
        Model model = load(modelName);
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/" + modelName + "/" + set + ".safetensors"))) {
            int texts = 0;
            for (int i = 0; golden.names().contains("s" + i + ".input_ids"); i++, texts++) {
                String key = "s" + i + ".";
                int[] ids = toInts(golden.longs(key + "input_ids"));
                int[] types = toInts(golden.longs(key + "token_type_ids"));
                Batch batch = Batch.of(new int[][] {ids}, new int[][] {types}, model.config());
                for (int t = 0; t < ids.length; t++) {
                    assertEquals(golden.longs(key + "position_ids")[t], batch.positionId(t), key + "position " + t);
                }
                EncoderOutput out = model.encoder().forward(batch);
                assertClose(golden.floats(key + "hidden").data(), out.allHidden(0), TOLERANCE, modelName + " " + set + " " + key + "hidden");
                assertClose(golden.floats(key + "pooled").data(), out.pooled(0), TOLERANCE, modelName + " " + set + " " + key + "pooled");
            }
            assertTrue(texts > 0, "golden file has texts");
        }
    }

    @ParameterizedTest
    @CsvSource({"tiny-bert", "tiny-bert-f16", "tiny-bert-bf16", "tiny-roberta", "tiny-xlm-roberta"})
    void onePaddedBatch(String modelName) {
        Model model = load(modelName);
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/" + modelName + "/visible.batched.safetensors"))) {
            int[] shape = golden.info("input_ids").shape();
            int b = shape[0];
            int t = shape[1];
            long[] ids = golden.longs("input_ids");
            long[] mask = golden.longs("attention_mask");
            long[] types = golden.longs("token_type_ids");
            long[] positions = golden.longs("position_ids");
            List<int[]> seqIds = new ArrayList<>();
            List<int[]> seqTypes = new ArrayList<>();
            for (int s = 0; s < b; s++) {
                int len = 0;
                while (len < t && mask[s * t + len] == 1) {
                    len++;
                }
                seqIds.add(toInts(java.util.Arrays.copyOfRange(ids, s * t, s * t + len)));
                seqTypes.add(toInts(java.util.Arrays.copyOfRange(types, s * t, s * t + len)));
            }
            Batch batch = Batch.of(seqIds.toArray(int[][]::new), seqTypes.toArray(int[][]::new), model.config());
            assertEquals(t, batch.seqLen());
            for (int row = 0; row < b * t; row++) {
                assertEquals(ids[row], batch.inputId(row), "padded id at row " + row);
                // Padding moves RoBERTa's position ids: pads sit at padding_idx.
                assertEquals(positions[row], batch.positionId(row), "position id at row " + row);
            }
            EncoderOutput out = model.encoder().forward(batch);
            float[] hidden = golden.floats("hidden").data();  // [B, L+1, T, H]
            int states = out.numStates();
            int h = model.config().hiddenSize();
            for (int s = 0; s < b; s++) {
                for (int state = 0; state < states; state++) {
                    int from = ((s * states + state) * t) * h;
                    float[] expected = java.util.Arrays.copyOfRange(hidden, from, from + batch.length(s) * h);
                    assertClose(expected, out.hidden(state, s), TOLERANCE, modelName + " batch seq " + s + " state " + state);
                }
                float[] pooled = java.util.Arrays.copyOfRange(golden.floats("pooled").data(), s * h, (s + 1) * h);
                assertClose(pooled, out.pooled(s), TOLERANCE, modelName + " batch seq " + s + " pooled");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"tiny-bert", "tiny-roberta"})
    void batchEqualsEachTextAlone(String modelName) {
        Model model = load(modelName);
        List<String> texts = List.of("a", "The bank raised its rates again this year, said the report.",
                "Hello <pad> world", "emoji 😀 test café", "我爱自然语言处理。");
        EncoderOutput together = model.forward(texts);
        for (int i = 0; i < texts.size(); i++) {
            EncoderOutput alone = model.forward(List.of(texts.get(i)));
            assertArrayEquals(alone.batch().inputIds(0), together.batch().inputIds(i));
            for (int state = 0; state < together.numStates(); state++) {
                assertClose(alone.hidden(state, 0), together.hidden(state, i), TOLERANCE, "text " + i + " state " + state);
            }
        }
    }
}
