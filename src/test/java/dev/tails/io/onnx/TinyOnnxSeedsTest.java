package dev.tails.io.onnx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The onnx fuzz target's seeds are {@link TinyBertOnnx}'s two styles (seed 1), whole models the
 * reader and the walk accept, so mutations start deep inside the format. When TinyBertOnnx
 * changes, this test writes the new bytes to target/fuzz-seeds/ for copying over.
 */
class TinyOnnxSeedsTest {
    private static final Path SEEDS = Path.of("src/test/resources/fuzz/onnx/seeds");

    @ParameterizedTest
    @EnumSource(TinyBertOnnx.Style.class)
    void seedIsTheTinyModelAndConverts(TinyBertOnnx.Style style) throws IOException {
        String name = "tiny-bert-" + style.name().toLowerCase(Locale.ROOT);
        byte[] expected = new TinyBertOnnx(style, 1).bytes();
        Path seed = SEEDS.resolve(name);
        if (!Files.isRegularFile(seed) || !Arrays.equals(expected, Files.readAllBytes(seed))) {
            Path fresh = Files.write(Files.createDirectories(Path.of("target/fuzz-seeds/onnx")).resolve(name), expected);
            throw new AssertionError(seed + " is not what TinyBertOnnx writes now; copy " + fresh + " over it");
        }
        assertTrue(expected.length < 100_000, "seeds stay small: " + expected.length + " bytes");
        assertEquals(TinyBertOnnx.LAYERS, OnnxBert.read(seed).dims().layers());
    }
}
