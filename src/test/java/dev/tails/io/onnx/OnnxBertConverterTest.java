package dev.tails.io.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsFile;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny BERT written as ONNX by hand ({@link TinyBertOnnx}), in torch's spelled-out style and
 * in opset-17 style: converted, it must give ONNX Runtime's hidden states on the same file, with
 * every weight under its HF name and the sizes, heads, activation and eps read off the graph.
 */
class OnnxBertConverterTest {
    private static final Path TOKENIZER = TestFiles.resource("models/tiny-onnx/tokenizer.json");
    private static final List<String> TEXTS = List.of("hello world!", "the unable caf.", "a", "", "Hello, hello, the world. a a a");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TinyBertOnnx.Style.class)
    void convertedModelGivesOnnxRuntimesHiddenStates(TinyBertOnnx.Style style) throws Exception {
        TinyBertOnnx tiny = new TinyBertOnnx(style, 42);
        byte[] onnx = tiny.bytes();
        Model model = Model.load(convert(onnx));
        // all texts in one padded batch, so padding is masked the same way ONNX Runtime never needs to
        EncoderOutput out = model.forward(TEXTS);
        double worst = 0;
        try (OrtReference ort = new OrtReference(onnx)) {
            for (int i = 0; i < TEXTS.size(); i++) {
                Encoding e = model.tokenizer().encode(TEXTS.get(i));
                float[][] expected = ort.lastHiddenState(e.ids(), e.typeIds());
                float[] actual = out.hidden(out.numStates() - 1, i);
                for (int t = 0; t < expected.length; t++) {
                    for (int d = 0; d < TinyBertOnnx.HIDDEN; d++) {
                        worst = Math.max(worst, Math.abs(expected[t][d] - actual[t * TinyBertOnnx.HIDDEN + d]));
                    }
                }
            }
        }
        assertTrue(worst < 1e-5, style + ": max |tails - ONNX Runtime| = " + worst);
    }

    @ParameterizedTest
    @EnumSource(TinyBertOnnx.Style.class)
    void configIsReadOffTheGraph(TinyBertOnnx.Style style) throws Exception {
        TinyBertOnnx tiny = new TinyBertOnnx(style, 1);
        JsonNode config = Json.MAPPER.readTree(convert(tiny.bytes()).resolve("config.json").toFile());
        assertEquals(TinyBertOnnx.HEADS, config.get("num_attention_heads").asInt(), "heads from the Reshape, not hidden / 64");
        assertEquals(TinyBertOnnx.LAYERS, config.get("num_hidden_layers").asInt());
        assertEquals(TinyBertOnnx.INTERMEDIATE, config.get("intermediate_size").asInt());
        assertEquals(TinyBertOnnx.VOCAB, config.get("vocab_size").asInt());
        assertEquals(TinyBertOnnx.POSITIONS, config.get("max_position_embeddings").asInt());
        assertEquals(style == TinyBertOnnx.Style.TORCH ? "gelu" : "gelu_new", config.get("hidden_act").asText());
        assertEquals(Double.parseDouble(Float.toString(tiny.eps())), config.get("layer_norm_eps").asDouble());
    }

    /** Values are copied bit for bit; Linear weights arrive [out, in] from the graph's [in, out]. */
    @Test
    void everyWeightLandsUnderItsHfName() throws Exception {
        TinyBertOnnx tiny = new TinyBertOnnx(TinyBertOnnx.Style.TORCH, 3);
        Path folder = convert(tiny.bytes());
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            assertEquals(tiny.weights.keySet(), new java.util.HashSet<>(file.names()));
            for (var w : tiny.weights.entrySet()) {
                float[] actual = file.floats(w.getKey()).data();
                int[] shape = file.info(w.getKey()).shape();
                boolean linear = w.getKey().contains(".dense.") || w.getKey().contains(".self.");
                float[] expected = linear && w.getKey().endsWith(".weight") ? transpose(w.getValue(), shape[1], shape[0]) : w.getValue();
                assertArrayEquals(expected, actual, w.getKey());
            }
        }
    }

    @Test
    void wrongAttentionScaleIsRefused() {
        TinyBertOnnx tiny = new TinyBertOnnx(TinyBertOnnx.Style.TORCH, 1);
        tiny.scoreScale = 1 / 3.0;
        TailsException e = assertThrows(TailsException.class, () -> convert(tiny.bytes()));
        assertTrue(e.getMessage().contains("encoder.layer.0.attention: the attention scores are scaled by 0.333"), e.getMessage());
    }

    @Test
    void missingTokenTypeInputIsNamed() {
        TinyBertOnnx tiny = new TinyBertOnnx(TinyBertOnnx.Style.FUSED, 1);
        tiny.tokenTypeInput = "segment_ids";
        TailsException e = assertThrows(TailsException.class, () -> convert(tiny.bytes()));
        assertTrue(e.getMessage().contains("no graph input 'token_type_ids'") && e.getMessage().contains("segment_ids"), e.getMessage());
    }

    @Test
    void quantizedTableIsRefusedByItsType() throws Exception {
        ProtoWriter table = new ProtoWriter().varint(1, 4).varint(1, 2).varint(2, 3).bytes(9, new byte[8]).string(8, "table");
        ProtoWriter gather = new ProtoWriter().string(1, "table").string(1, "input_ids").string(2, "x").string(4, "Gather");
        ProtoWriter graph = new ProtoWriter().message(1, gather).message(5, table)
                .message(11, new ProtoWriter().string(1, "input_ids")).message(12, new ProtoWriter().string(1, "x"));
        Path file = Files.write(dir.resolve("q.onnx"), new ProtoWriter().message(7, graph).toByteArray());
        TailsException e = assertThrows(TailsException.class, () -> OnnxBert.read(file));
        assertTrue(e.getMessage().contains("int8 (quantized)"), e.getMessage());
    }

    @Test
    void externalDataAndCutFilesAreRefused() throws Exception {
        ProtoWriter external = new ProtoWriter().varint(1, 2).varint(2, 1).string(8, "w").varint(14, 1);
        Path file = Files.write(dir.resolve("e.onnx"),
                new ProtoWriter().message(7, new ProtoWriter().message(5, external)).toByteArray());
        TailsException e = assertThrows(TailsException.class, () -> OnnxBert.read(file));
        assertTrue(e.getMessage().contains("external file"), e.getMessage());

        byte[] whole = new TinyBertOnnx(TinyBertOnnx.Style.TORCH, 1).bytes();
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(TailsException.class, () -> OnnxBert.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("remain"), e.getMessage());
    }

    @Test
    void existingOutputIsNotOverwritten() throws Exception {
        Path onnx = Files.write(dir.resolve("m.onnx"), new TinyBertOnnx(TinyBertOnnx.Style.TORCH, 1).bytes());
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/config.json"), "{}");
        TailsException e = assertThrows(TailsException.class, () -> OnnxBertConverter.convert(onnx, TOKENIZER, dir.resolve("out")));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("{}", Files.readString(dir.resolve("out/config.json")));
    }

    private Path convert(byte[] onnx) throws Exception {
        Path file = Files.write(dir.resolve("model.onnx"), onnx);
        Path out = dir.resolve("hf-" + System.nanoTime());
        OnnxBertConverter.convert(file, TOKENIZER, out);
        return out;
    }

    /** [rows, cols] row-major -> [cols, rows]. */
    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
