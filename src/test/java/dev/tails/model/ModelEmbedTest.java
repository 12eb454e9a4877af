package dev.tails.model;

import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.TinySentenceModel;
import dev.tails.embed.SentenceEmbedder;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model.embed and the last-state-only forward on tiny-bert, against full forwards of each text pooled by hand. */
class ModelEmbedTest {
    private static final List<String> TEXTS = List.of("a much longer text than the others, with many words in it",
            "short", "Hello <pad> world, café 😀", "two words", "x");

    @Test
    void lastStateOnlyHoldsOneStateEqualToTheFullForwardsLastBitForBit() {
        Model model = TinyModels.tinyBert();
        Batch batch = model.batch(TEXTS, false);
        HookRegistry zero = new HookRegistry(model.config()).add("blocks.0.hook_normalized_resid_post", Interventions.zeroDims(3));
        for (ForwardHooks hooks : List.of(ForwardHooks.NONE, zero)) {
            EncoderOutput full = model.forward(batch, hooks);
            EncoderOutput last = model.forward(batch, hooks.lastStateOnly());
            assertEquals(model.config().numLayers() + 1, full.numStates());
            assertEquals(1, last.numStates(), "only the last state is held");
            assertFalse(hooks.lastStateOnly().keepsEveryState());
            assertArrayEquals(full.hiddenStates()[model.config().numLayers()], last.lastState(), "state L, bit for bit");
            assertArrayEquals(full.pooled(), last.pooled(), "pooler output");
        }
        // The intervention reached the last-state-only forward too: its state L is not the plain one.
        assertFalse(java.util.Arrays.equals(model.forward(batch, ForwardHooks.NONE.lastStateOnly()).lastState(),
                model.forward(batch, zero.lastStateOnly()).lastState()));
    }

    @Test
    void embedIsEachTextAloneMeanPooledAndNormalizedByHand() {
        Model model = TinyModels.tinyBert();
        float[][] vectors = model.embed(TEXTS, Pooling.MEAN, true);
        assertEquals(TEXTS.size(), vectors.length);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = TinyModels.meanPooledNormalizedByHand(model, TEXTS.get(i));
            assertArrayEquals(expected, vectors[i], 1e-5f, "text " + i);
        }
    }

    @Test
    void aSentenceTransformersFolderSetsPoolingNormalizationAndTheCut(@TempDir Path dir) {
        SentenceConfig written = new SentenceConfig(Pooling.CLS, true, 6, TinyModels.tinyBert().config().hiddenSize());
        Model model = Model.load(TinySentenceModel.write(dir, written));
        assertEquals(written, model.sentenceConfig());
        float[][] vectors = model.embed(TEXTS);
        // By hand: the first text cut to 6 tokens (5 + [SEP]), run alone, its [CLS] row scaled to unit length.
        Batch cut = Batch.of(List.of(model.tokenizer().encode(TEXTS.getFirst()).truncated(6)), model.config());
        assertEquals(6, cut.length(0));
        float[] cls = java.util.Arrays.copyOf(model.forward(cut, ForwardHooks.NONE).lastState(), model.config().hiddenSize());
        double norm = 0;
        for (float x : cls) {
            norm += (double) x * x;
        }
        for (int d = 0; d < cls.length; d++) {
            cls[d] = (float) (cls[d] / Math.sqrt(norm));
        }
        assertArrayEquals(cls, vectors[0], 1e-5f);
        // The caller's pooling replaces the folder's, the cut stays.
        assertArrayEquals(Pooling.MAX.pool(model.forward(cut, ForwardHooks.NONE).lastState(), 6, cls.length),
                model.embed(List.of(TEXTS.getFirst()), Pooling.MAX, false)[0], 1e-5f);
    }

    @Test
    void plainFolderEmbedsAsSentenceTransformersWould() {
        Model model = TinyModels.tinyBert();
        assertEquals(new SentenceConfig(Pooling.MEAN, false, SentenceConfig.MODEL_LIMIT, model.config().hiddenSize()),
                model.sentenceConfig());
        float[] v = model.embed(List.of("two words"))[0];
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        assertTrue(Math.abs(norm - 1) > 1e-3, "not normalized without a Normalize module, |v|^2 = " + norm);
    }

    @Test
    void embedEqualsTheCorpusRunnersEmbedderBitForBit() {
        Model model = TinyModels.tinyBert();
        SentenceConfig sentence = new SentenceConfig(Pooling.MAX, true, 9, model.config().hiddenSize());
        float[][] library = model.embed(TEXTS, sentence, 2, ForwardHooks.NONE);
        float[][] corpus = new SentenceEmbedder(model, sentence, 2).embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(corpus[i], library[i], "text " + i);
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        Model model = TinyModels.tinyBert();
        TailsException wide = assertThrows(TailsException.class, () -> model.embed(TEXTS,
                new SentenceConfig(Pooling.MEAN, true, 128, 384), 8, ForwardHooks.NONE));
        assertTrue(wide.getMessage().contains("384 dimensions"), wide.getMessage());
        TailsException batch = assertThrows(TailsException.class, () -> model.embed(TEXTS,
                model.sentenceConfig(), 0, ForwardHooks.NONE));
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        assertEquals(0, model.embed(List.of()).length);
    }
}
