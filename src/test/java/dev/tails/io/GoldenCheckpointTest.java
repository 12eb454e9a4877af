package dev.tails.io;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the golden tiny models shipped under src/test/resources/models, written by the Rust safetensors library. */
class GoldenCheckpointTest {

    static Path model(String name) {
        try {
            return Path.of(GoldenCheckpointTest.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tinyBertF32MatchesValuesReadByNumpy() {
        try (Checkpoint c = Checkpoint.open(model("tiny-bert"))) {
            assertEquals(55, c.names().size());
            FloatTensor w = c.floats("bert.encoder.layer.2.output.dense.weight", 32, 64);
            assertEquals(-0.3710702955722809f, w.data()[0]);
            assertEquals(-0.22666995227336884f, w.data()[1]);
            assertEquals(-0.07199253886938095f, w.data()[w.data().length - 1]);
            double sum = 0;
            for (float v : w.data()) {
                sum += v;
            }
            assertEquals(5.636706801902619, sum, 1e-9);
            assertEquals(DType.F32, c.info("bert.embeddings.word_embeddings.weight").dtype());
        }
    }

    @Test
    void tinyBertMetadataIsRead() {
        try (SafetensorsFile f = SafetensorsFile.open(model("tiny-bert").resolve("model.safetensors"))) {
            assertEquals(Map.of("format", "pt"), f.metadata());
        }
    }

    /** Each F16 value must be exactly the F32 value rounded to nearest-even half precision. */
    @Test
    void f16WidensToTheRoundedF32Values() {
        compareAll("tiny-bert-f16", DType.F16, v -> Float.float16ToFloat(Float.floatToFloat16(v)));
    }

    /** Each BF16 value must be exactly the F32 value rounded to nearest-even bfloat16 (the top 16 bits). */
    @Test
    void bf16WidensToTheRoundedF32Values() {
        compareAll("tiny-bert-bf16", DType.BF16, v -> {
            int bits = Float.floatToRawIntBits(v);
            return Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
        });
    }

    private interface Rounding {
        float round(float v);
    }

    private static void compareAll(String name, DType dtype, Rounding rounding) {
        try (Checkpoint f32 = Checkpoint.open(model("tiny-bert")); Checkpoint narrow = Checkpoint.open(model(name))) {
            assertEquals(f32.names(), narrow.names());
            for (String t : f32.names()) {
                assertEquals(dtype, narrow.info(t).dtype(), t);
                FloatTensor wide = f32.floats(t);
                FloatTensor widened = narrow.floats(t, wide.shape());
                float[] expected = wide.data().clone();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = rounding.round(expected[i]);
                }
                assertArrayEquals(expected, widened.data(), t);
            }
        }
    }

    @Test
    void tinyRobertaOpens() {
        try (Checkpoint c = Checkpoint.open(model("tiny-roberta"))) {
            assertEquals(39, c.names().size());
            assertTrue(c.names().stream().allMatch(n -> n.startsWith("roberta.")));
        }
    }

    @Test
    void shapeMismatchAndMissingTensorNameTheTensor() {
        try (Checkpoint c = Checkpoint.open(model("tiny-bert"))) {
            var e = assertThrows(TailsException.class, () -> c.floats("bert.pooler.dense.weight", 32, 31));
            SafetensorsRoundTripTest.assertMessage(e, "bert.pooler.dense.weight", "[32, 32]", "[32, 31]");
            e = assertThrows(TailsException.class, () -> c.floats("cls.predictions.bias"));
            SafetensorsRoundTripTest.assertMessage(e, "'cls.predictions.bias'", "tiny-bert");
            assertArrayEquals(new int[] {32, 32}, c.info("bert.pooler.dense.weight").shape());
        }
    }
}
