package dev.tails.io.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TailsException;
import dev.tails.io.BertDims;
import dev.tails.io.SafetensorsFile;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfBertConverterTest {
    private static final int V = TinySavedModel.V, H = TinySavedModel.H, L = TinySavedModel.L, I = TinySavedModel.I,
            P = TinySavedModel.P, T = TinySavedModel.T;

    @TempDir
    Path dir;

    @Test
    void mapsGoogleNamesToHuggingFaceNames() {
        assertEquals(Optional.of(new TfBertNames.HfTensor("bert.encoder.layer.3.attention.self.query.weight", true)),
                TfBertNames.map("module/bert/encoder/layer_3/attention/self/query/kernel"));
        assertEquals(Optional.of(new TfBertNames.HfTensor("bert.encoder.layer.11.output.LayerNorm.weight", false)),
                TfBertNames.map("module/bert/encoder/layer_11/output/LayerNorm/gamma"));
        assertEquals(Optional.of(new TfBertNames.HfTensor("bert.embeddings.LayerNorm.bias", false)),
                TfBertNames.map("bert/embeddings/LayerNorm/beta"));  // plain checkpoints lack "module/"
        assertEquals(Optional.of(new TfBertNames.HfTensor("bert.embeddings.word_embeddings.weight", false)),
                TfBertNames.map("module/bert/embeddings/word_embeddings"));
        assertEquals(Optional.of(new TfBertNames.HfTensor("cls.predictions.bias", false)),
                TfBertNames.map("module/cls/predictions/output_bias"));
        assertEquals(Optional.empty(), TfBertNames.map("global_step"));
        assertEquals(Optional.empty(), TfBertNames.map("cls/seq_relationship/output_weights"));
    }

    @Test
    void transposesKernelsToOutIn() {
        FloatTensor t = new FloatTensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}).transposed();
        assertEquals(new FloatTensor(new int[] {3, 2}, new float[] {1, 4, 2, 5, 3, 6}), t);
    }

    @Test
    void convertsATinySavedModel() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), true, "{\"doLowerCase\": true}");
        Path out = dir.resolve("out");
        List<Double> progress = new ArrayList<>();
        var report = TfBertConverter.convert(saved, out, new TfBertConverter.Options(2, null), progress::add);

        assertEquals(new BertDims(V, H, L, 2, I, P, T), report.dims());
        assertEquals(5 + 16 * L + 2 + 5, report.tensors());
        assertTrue(report.maskedLmHead() && report.lowerCase());
        assertEquals(List.of("global_step"), report.skipped());
        assertEquals(1.0, progress.getLast());

        try (SafetensorsFile st = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            assertEquals(report.tensors(), st.names().size());
            // kernel [in=H, out=I] comes out as [I, H] with w[o][i] = kernel[i][o]
            FloatTensor w = st.floats("bert.encoder.layer.1.intermediate.dense.weight");
            assertArrayEquals(new int[] {I, H}, w.shape());
            float[] kernel = TinySavedModel.values("module/bert/encoder/layer_1/intermediate/dense/kernel", H * I);
            assertEquals(kernel[3 * I + 5], w.data()[5 * H + 3]);
            assertArrayEquals(TinySavedModel.values("module/bert/embeddings/LayerNorm/gamma", H),
                    st.floats("bert.embeddings.LayerNorm.weight").data());
            assertArrayEquals(new int[] {V}, st.floats("cls.predictions.bias").shape());
        }
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("bert", config.get("model_type").asText());
        assertEquals(V, config.get("vocab_size").asInt());
        assertEquals(L, config.get("num_hidden_layers").asInt());
        assertEquals(I, config.get("intermediate_size").asInt());
        assertEquals(P, config.get("max_position_embeddings").asInt());
        assertEquals(1e-12, config.get("layer_norm_eps").asDouble());
        assertTrue(new ObjectMapper().readTree(out.resolve("tokenizer_config.json").toFile()).get("do_lower_case").asBoolean());
        assertEquals(Files.readString(saved.resolve("assets/vocab.txt")), Files.readString(out.resolve("vocab.txt")));
    }

    @Test
    void withoutTheHeadTheFolderIsABertModel() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), false, "{\"doLowerCase\": false}");
        var report = TfBertConverter.convert(saved, dir.resolve("out"), new TfBertConverter.Options(null, null), p -> { });
        assertFalse(report.maskedLmHead());
        assertEquals(1, report.dims().heads());  // hidden 4 / 64, at least one
        assertEquals(5 + 16 * L + 2, report.tensors());
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), false, "{\"doLowerCase\": false}");
        Files.delete(saved.resolve("variables/variables.index"));
        TestBundleWriter w = TinySavedModel.bundle(false);
        w.remove("module/bert/encoder/layer_1/output/dense/bias");
        w.write(saved);
        TailsException e = assertThrows(TailsException.class, () -> TfBertConverter.convert(
                saved, dir.resolve("out"), new TfBertConverter.Options(null, null), p -> { }));
        assertTrue(e.getMessage().contains("bert.encoder.layer.1.output.dense.bias"), e.getMessage());
    }

    @Test
    void casingThatContradictsModelJsonIsRefused() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), false, "{\"doLowerCase\": false}");
        TailsException e = assertThrows(TailsException.class, () -> TfBertConverter.convert(
                saved, dir.resolve("out"), new TfBertConverter.Options(null, true), p -> { }));
        assertTrue(e.getMessage().contains("doLowerCase"), e.getMessage());
    }
}
