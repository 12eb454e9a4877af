package dev.tails.model;

import dev.tails.MlmFolders;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.hook.HookShape;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tails.model.GoldenAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DistilBERT and ELECTRA tensor names: every one the encoder needs is named when missing, and the
 * prefix is optional; their masked-LM heads (DistilBertForMaskedLM's, an ELECTRA generator's) bind
 * under HF's names, tied or not, and a missing head tensor is named when logits are asked for.
 */
class FamilyTensorNamesTest {
    private static final List<String> TEXTS = List.of("The bank raised its rates.", "a");
    private static final String ELECTRA_HEAD = "models/mlm-heads/tiny-electra.safetensors";

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

    @Test
    void distilBertBindsTheHeadItsCheckpointCarries() {
        Model m = Model.load(TestFiles.resource("models/tiny-distilbert"));
        assertTrue(m.hasMlmHead());
        assertEquals(Set.of(), m.unusedTensors(), "vocab_transform, vocab_layer_norm, vocab_projector.bias are the head's");
        assertEquals(3, m.fillMask("the [MASK] sat on the mat.", 3).getFirst().fills().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vocab_transform.weight", "vocab_layer_norm.bias", "vocab_projector.bias"})
    void aMissingDistilBertHeadTensorIsNamedWhenLogitsAreAskedFor(String tensor, @TempDir Path dir) throws IOException {
        copyWithTensors("tiny-distilbert", dir, name -> name.equals(tensor) ? null : name);
        Model m = Model.load(dir);
        assertFalse(m.hasMlmHead());
        String message = assertThrows(TailsException.class, () -> m.fillMask("a [MASK] b", 3)).getMessage();
        assertTrue(message.contains("no masked-LM head") && message.contains("'" + tensor + "'"), message);
    }

    @Test
    void anElectraDiscriminatorHasNoHeadAndTheMessageSaysSo() {
        Model m = Model.load(TestFiles.resource("models/tiny-electra"));
        assertFalse(m.hasMlmHead());
        String message = assertThrows(TailsException.class, () -> m.fillMask("a [MASK] b", 3)).getMessage();
        assertTrue(message.contains("'generator_predictions.dense.weight'") && message.contains("discriminator"), message);
    }

    @Test
    void aMissingElectraGeneratorTensorIsNamed(@TempDir Path dir, @TempDir Path shards) throws IOException {
        Path head = electraHead(shards.resolve("head.safetensors"), "generator_lm_head.bias", null);
        Model m = Model.load(MlmFolders.withHead("tiny-electra", head, dir, c -> { }));
        assertFalse(m.hasMlmHead());
        String message = assertThrows(TailsException.class, () -> m.fillMask("a [MASK] b", 3)).getMessage();
        assertTrue(message.contains("'generator_lm_head.bias'"), message);
    }

    /**
     * The generator's transform is embedding_size wide (16, not the hidden 32), and so is an untied
     * generator_lm_head.weight [vocab, 16]: with twice the word table in it, logits minus the bias
     * are twice the tied model's, a linear identity independent of the code under test.
     */
    @Test
    void anUntiedElectraGeneratorDecoderIsTheFilesOwnAtTheEmbeddingWidth(@TempDir Path tiedDir, @TempDir Path untiedDir,
                                                                         @TempDir Path shards) throws IOException {
        Model tied = Model.load(MlmFolders.withHead("tiny-electra", tiedDir));
        int e = tied.config().embeddingSize();
        assertEquals(16, e);
        assertArrayEquals(new int[] {5, e}, HookShape.of(tied.config()).perSequence(HookPoint.MLM_TRANSFORM.layout(), 5));
        float[] word = tied.weights().embeddings().word();
        float[] doubled = new float[word.length];
        for (int i = 0; i < word.length; i++) {
            doubled[i] = 2 * word[i];
        }
        Path head = electraHead(shards.resolve("untied.safetensors"), null, doubled);
        Model untied = Model.load(MlmFolders.withHead("tiny-electra", head, untiedDir, c -> c.put("tie_word_embeddings", false)));
        Batch batch = tied.batch(TEXTS, false);
        float[] expected = tied.mlmLogits(batch, ForwardHooks.NONE).logits();
        float[] actual = untied.mlmLogits(batch, ForwardHooks.NONE).logits();
        float[] bias;
        try (SafetensorsFile f = SafetensorsFile.open(TestFiles.resource(ELECTRA_HEAD))) {
            bias = f.floats("generator_lm_head.bias").data();
        }
        int v = tied.config().vocabSize();
        for (int i = 0; i < expected.length; i++) {
            float b = bias[i % v];
            assertEquals(2 * (expected[i] - b), actual[i] - b, 1e-4, "row " + i / v + " id " + i % v);
        }
    }

    /** The committed generator head without {@code dropped}, plus an untied decoder when given. */
    private static Path electraHead(Path file, String dropped, float[] decoder) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        int vocab;
        try (SafetensorsFile head = SafetensorsFile.open(TestFiles.resource(ELECTRA_HEAD))) {
            vocab = head.info("generator_lm_head.bias").shape()[0];
            for (String name : head.names()) {
                if (!name.equals(dropped)) {
                    writer.putF32(name, head.floats(name));
                }
            }
        }
        if (decoder != null) {
            writer.putF32("generator_lm_head.weight", new int[] {vocab, decoder.length / vocab}, decoder);
        }
        writer.write(file);
        return file;
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
