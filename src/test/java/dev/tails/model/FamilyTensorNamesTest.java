package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tails.model.GoldenAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DistilBERT and ELECTRA tensor names: every one the encoder needs is named when missing, and the prefix is optional. */
class FamilyTensorNamesTest {
    private static final List<String> TEXTS = List.of("The bank raised its rates.", "a");

    @ParameterizedTest
    @CsvSource({
            "tiny-distilbert, distilbert.embeddings.position_embeddings.weight",
            "tiny-distilbert, distilbert.transformer.layer.1.attention.v_lin.bias",
            "tiny-distilbert, distilbert.transformer.layer.0.sa_layer_norm.weight",
            "tiny-distilbert, distilbert.transformer.layer.1.ffn.lin2.weight",
            "tiny-distilbert, distilbert.transformer.layer.1.output_layer_norm.bias",
            "tiny-electra, electra.embeddings_project.weight",
            "tiny-electra, electra.embeddings.token_type_embeddings.weight",
            "tiny-electra, electra.encoder.layer.1.intermediate.dense.bias"})
    void aMissingTensorIsNamed(String model, String tensor, @TempDir Path dir) throws IOException {
        copyWithTensors(model, dir, name -> name.equals(tensor) ? null : name);
        String m = assertThrows(TailsException.class, () -> Model.load(dir)).getMessage();
        assertTrue(m.contains(tensor), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-distilbert", "tiny-electra"})
    void namesWithoutTheFamilyPrefixLoadTheSameModel(String model, @TempDir Path dir) throws IOException {
        String prefix = model.substring("tiny-".length()) + ".";
        copyWithTensors(model, dir, name -> name.startsWith(prefix) ? name.substring(prefix.length()) : name);
        EncoderOutput expected = Model.load(TestFiles.resource("models/" + model)).forward(TEXTS);
        EncoderOutput actual = Model.load(dir).forward(TEXTS);
        for (int s = 0; s < TEXTS.size(); s++) {
            assertClose(expected.allHidden(s), actual.allHidden(s), 0, model + " text " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-distilbert", "tiny-electra"})
    void theirMaskedLmHeadIsRefusedByFamily(String model) {
        Model m = Model.load(TestFiles.resource("models/" + model));
        assertEquals(false, m.hasMlmHead());
        String message = assertThrows(TailsException.class, () -> m.fillMask("a [MASK] b", 3)).getMessage();
        assertTrue(message.contains("no masked-LM head for " + model.substring("tiny-".length())), message);
    }

    /** models/NAME copied into dir with each tensor renamed (null drops it). */
    private static void copyWithTensors(String model, Path dir, UnaryOperator<String> rename) throws IOException {
        Path source = TestFiles.resource("models/" + model);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("model.safetensors")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsFile file = SafetensorsFile.open(source.resolve("model.safetensors"))) {
            for (String name : file.names()) {
                String renamed = rename.apply(name);
                if (renamed != null) {
                    writer.putF32(renamed, file.floats(name));
                }
            }
        }
        writer.write(dir.resolve("model.safetensors"));
    }
}
