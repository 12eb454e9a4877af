package dev.tails.model;

import dev.tails.MlmFolders;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.TinyModels;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.HookSite;
import dev.tails.hook.Interventions;
import dev.tails.io.SafetensorsFile;
import dev.tails.io.SafetensorsWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head's loading rules (HF's tie_word_embeddings, bias names), its hook points, and fill-mask's refusals. */
class MlmHeadTest {
    private static final String DENSE = "cls.predictions.transform.dense.weight";
    private static Path withHead;
    private static Model model;
    private static Batch batch;
    private static float[] logits;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        withHead = MlmFolders.withHead("tiny-bert", dir);
        model = Model.load(withHead);
        batch = TinyModels.batch(model);
        logits = model.mlmLogits(batch, ForwardHooks.NONE).logits();
    }

    @Test
    void aCheckpointWithoutHeadSaysWhichTensorIsMissing() {
        Model bare = TinyModels.tinyBert();
        assertFalse(bare.hasMlmHead());
        TailsException e = assertThrows(TailsException.class, () -> bare.mlmLogits(batch, ForwardHooks.NONE));
        assertTrue(e.getMessage().contains("no masked-LM head") && e.getMessage().contains(DENSE), e.getMessage());
        e = assertThrows(TailsException.class, () -> bare.fillMask("a [MASK] b", 5));
        assertTrue(e.getMessage().contains(DENSE), e.getMessage());
    }

    @Test
    void untiedDecoderIsTheFilesOwnAndTiedIgnoresIt(@TempDir Path untied, @TempDir Path tied, @TempDir Path missing,
                                                     @TempDir Path shards) throws IOException {
        Path headWithDecoder = shards.resolve("head.safetensors");
        float[] word = model.weights().embeddings().word();
        float[] doubled = new float[word.length];
        for (int i = 0; i < word.length; i++) {
            doubled[i] = 2 * word[i];
        }
        writeHead(headWithDecoder, "cls.predictions.bias", doubled);
        float[] bias = headBias();
        int v = model.config().vocabSize();

        Model own = Model.load(MlmFolders.withHead("tiny-bert", headWithDecoder, untied, c -> c.put("tie_word_embeddings", false)));
        float[] ownLogits = own.mlmLogits(batch, ForwardHooks.NONE).logits();
        for (int i = 0; i < logits.length; i++) {
            float b = bias[i % v];
            assertEquals(2 * (logits[i] - b), ownLogits[i] - b, 1e-4, "untied: the file's decoder (2 x word embeddings)");
        }

        Model ignoring = Model.load(MlmFolders.withHead("tiny-bert", headWithDecoder, tied, c -> { }));
        assertEquals(0, GoldenAssert.maxAbsDiff(logits, ignoring.mlmLogits(batch, ForwardHooks.NONE).logits(), "tied"));
        assertTrue(ignoring.unusedTensors().contains("cls.predictions.decoder.weight"), "a tied decoder's copy is unused");

        Path noDecoder = shards.resolve("no-decoder.safetensors");
        writeHead(noDecoder, "cls.predictions.bias", null);
        Model lacking = Model.load(MlmFolders.withHead("tiny-bert", noDecoder, missing, c -> c.put("tie_word_embeddings", false)));
        assertFalse(lacking.hasMlmHead());
        TailsException e = assertThrows(TailsException.class, () -> lacking.mlmLogits(batch, ForwardHooks.NONE));
        assertTrue(e.getMessage().contains("cls.predictions.decoder.weight"), e.getMessage());
    }

    @Test
    void theBiasMayGoByTheDecodersName(@TempDir Path dir, @TempDir Path shards) throws IOException {
        Path head = shards.resolve("head.safetensors");
        writeHead(head, "cls.predictions.decoder.bias", null);
        Model aliased = Model.load(MlmFolders.withHead("tiny-bert", head, dir, c -> { }));
        assertEquals(0, GoldenAssert.maxAbsDiff(logits, aliased.mlmLogits(batch, ForwardHooks.NONE).logits(), "decoder.bias"));
    }

    @Test
    void headHooksSeeAndChangeThePredictions() {
        HookRegistry registry = new HookRegistry(model.config());
        assertEquals(List.of("hook_mlm_transform", "hook_mlm_logits"),
                registry.names().resolve("hook_mlm_*").stream().map(HookSite::name).toList());
        assertEquals("hook_mlm_logits", registry.names().all().getLast(), "the head's points come after the blocks");

        // a zero transform leaves only the decoder bias
        float[] zeroed = model.mlmLogits(batch, registry.add("hook_mlm_transform", Interventions.zeroDims(range(model.config().hiddenSize()))))
                .logits();
        float[] bias = headBias();
        int v = model.config().vocabSize();
        for (int s = 0; s < batch.size(); s++) {
            for (int t = 0; t < batch.length(s); t++) {
                int row = s * batch.seqLen() + t;
                assertEquals(bias[7], zeroed[row * v + 7], 1e-6);
            }
        }
        float[] edited = model.mlmLogits(batch, new HookRegistry(model.config()).add("hook_mlm_logits", Interventions.setDims(42f, 7)))
                .logits();
        assertEquals(42f, edited[7]);
        assertEquals(logits[8], edited[8]);
    }

    @Test
    void aPlainForwardGoesThroughTheHeadWhenAHookListensThere() {
        float[][] seen = new float[1][];
        model.forward(batch, new HookRegistry(model.config()).add("hook_mlm_logits", data -> seen[0] = data.data().clone()));
        assertArrayEquals(logits, seen[0]);
        TailsException e = assertThrows(TailsException.class, () -> TinyModels.tinyBert().forward(batch,
                new HookRegistry(model.config()).add("hook_mlm_logits", data -> { })));
        assertTrue(e.getMessage().contains(DENSE), e.getMessage());
    }

    @Test
    void fillMaskRefusesBadInputByName() {
        TailsException e = assertThrows(TailsException.class, () -> model.fillMask("no mask here", 5));
        assertTrue(e.getMessage().contains("[MASK]") && e.getMessage().contains("no mask here"), e.getMessage());
        e = assertThrows(TailsException.class, () -> model.fillMask("a [MASK]", 0));
        assertTrue(e.getMessage().contains("top-k"), e.getMessage());
        assertThrows(TailsException.class, () -> model.fillMask("a [MASK]", model.config().vocabSize() + 1));
    }

    @Test
    void fillMaskRanksByProbabilityAndKeepsOtherMasksVisible() {
        List<MaskPredictions> one = model.fillMask("the [MASK] sat on the mat.", 4);
        assertEquals(1, one.size());
        assertEquals(2, one.getFirst().position());
        List<MaskFill> fills = one.getFirst().fills();
        assertEquals(4, fills.size());
        for (int r = 1; r < fills.size(); r++) {
            assertTrue(fills.get(r - 1).score() >= fills.get(r).score(), "ranked");
        }
        MaskFill best = fills.getFirst();
        assertEquals("the " + best.tokenStr() + " sat on the mat.", best.sequence());
        List<MaskPredictions> two = model.fillMask("[MASK] sat on the [MASK].", 2);
        assertEquals(2, two.size());
        assertTrue(two.get(0).fills().getFirst().sequence().startsWith("[CLS] "), "several masks keep the special tokens");
        assertTrue(two.get(0).fills().getFirst().sequence().contains("[MASK]"), two.get(0).fills().getFirst().sequence());
    }

    @Test
    void robertaUsesItsOwnMaskToken(@TempDir Path dir) throws IOException {
        Model roberta = Model.load(MlmFolders.withHead("tiny-roberta", dir));
        MaskFill best = roberta.fillMask("The capital of France is <mask>.", 3).getFirst().fills().getFirst();
        assertEquals("The capital of France is" + best.tokenStr() + ".", best.sequence());
    }

    private static float[] headBias() {
        try (SafetensorsFile head = SafetensorsFile.open(TestFiles.resource("models/mlm-heads/tiny-bert.safetensors"))) {
            return head.floats("cls.predictions.bias").data();
        }
    }

    /** The committed head under {@code biasName}, plus a decoder weight when given. */
    private static void writeHead(Path file, String biasName, float[] decoder) throws IOException {
        SafetensorsWriter out = new SafetensorsWriter();
        try (SafetensorsFile head = SafetensorsFile.open(TestFiles.resource("models/mlm-heads/tiny-bert.safetensors"))) {
            for (String name : head.names()) {
                out.putF32(name.equals("cls.predictions.bias") ? biasName : name, head.floats(name));
            }
        }
        if (decoder != null) {
            out.putF32("cls.predictions.decoder.weight", new int[] {model.config().vocabSize(), model.config().hiddenSize()}, decoder);
        }
        Files.createDirectories(file.getParent());
        out.write(file);
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
