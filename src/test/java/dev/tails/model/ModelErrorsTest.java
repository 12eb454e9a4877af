package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad model folders and bad inputs give errors that name the problem. */
class ModelErrorsTest {
    private static final Path TINY = TestFiles.resource("models/tiny-bert");

    /** A copy of tiny-bert whose config.json has one text replaced. */
    private static Path withConfig(Path dir, String from, String to) throws IOException {
        try (Stream<Path> files = Files.list(TINY)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        assertTrue(text.contains(from), "fixture config contains " + from);
        Files.writeString(config, text.replace(from, to));
        return dir;
    }

    private static String message(Executable action) {
        return assertThrows(TailsException.class, action).getMessage();
    }

    @Test
    void tensorShapeDisagreeingWithConfigIsNamed(@TempDir Path dir) throws IOException {
        Path folder = withConfig(dir, "\"intermediate_size\": 64", "\"intermediate_size\": 65");
        String m = message(() -> Model.load(folder));
        assertTrue(m.contains("bert.encoder.layer.0.intermediate.dense.weight") && m.contains("65"), m);
    }

    @Test
    void invalidConfigJsonIsNamed(@TempDir Path dir) throws IOException {
        Path folder = withConfig(dir, "\"model_type\": \"bert\",", "\"model_type\": \"bert\"");
        String m = message(() -> Model.load(folder));
        assertTrue(m.contains("config.json") && m.contains("invalid JSON"), m);
    }

    @Test
    void unknownModelTypeIsNamed(@TempDir Path dir) throws IOException {
        Path folder = withConfig(dir, "\"model_type\": \"bert\"", "\"model_type\": \"gpt2\"");
        String m = message(() -> Model.load(folder));
        assertTrue(m.contains("model_type") && m.contains("gpt2"), m);
    }

    @Test
    void unknownActivationIsNamed(@TempDir Path dir) throws IOException {
        Path folder = withConfig(dir, "\"hidden_act\": \"gelu\"", "\"hidden_act\": \"swish\"");
        String m = message(() -> Model.load(folder));
        assertTrue(m.contains("hidden_act") && m.contains("swish"), m);
    }

    @Test
    void missingConfigValueIsNamed(@TempDir Path dir) throws IOException {
        Path folder = withConfig(dir, "\"num_attention_heads\": 4", "\"num_attention_heads\": \"four\"");
        String m = message(() -> Model.load(folder));
        assertTrue(m.contains("num_attention_heads"), m);
    }

    @Test
    void missingTensorIsNamed(@TempDir Path dir) throws IOException {
        withConfig(dir, "\"model_type\"", "\"model_type\"");
        String dropped = "bert.encoder.layer.2.output.LayerNorm.bias";
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsFile full = SafetensorsFile.open(TINY.resolve("model.safetensors"))) {
            for (String name : full.names()) {
                if (!name.equals(dropped)) {
                    writer.putF32(name, full.floats(name));
                }
            }
        }
        writer.write(dir.resolve("model.safetensors"));
        String m = message(() -> Model.load(dir));
        assertTrue(m.contains(dropped) && m.contains("not found"), m);
    }

    @Test
    void textLongerThanTheModelWithoutTruncationIsNamed() {
        Model model = Model.load(TINY);
        String longText = "word ".repeat(600);
        String m = message(() -> model.batch(List.of("short", longText), false));
        assertTrue(m.contains("text 1") && m.contains("602 tokens") && m.contains("512"), m);
        Batch truncated = model.batch(List.of(longText), true);
        assertEquals(512, truncated.length(0));
        assertEquals(102, truncated.inputId(511), "truncation keeps [SEP]");
    }

    @Test
    void emptyInputLineIsNamed(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("texts.txt");
        Files.writeString(input, "first text\n\nthird text\n");
        String m = message(() -> Corpus.read(input));
        assertTrue(m.contains("texts.txt line 2") && m.contains("empty"), m);
    }

    @Test
    void tokenIdOutsideVocabularyIsNamed() {
        Model model = Model.load(TINY);
        String m = message(() -> Batch.of(new int[][] {{101, 40000, 102}}, new int[][] {{0, 0, 0}}, model.config()));
        assertTrue(m.contains("40000") && m.contains("vocabulary"), m);
    }
}
