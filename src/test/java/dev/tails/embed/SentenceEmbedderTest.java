package dev.tails.embed;

import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.model.Model;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.tokenize.Encoding;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tiny-bert through the embedder against each text run alone and pooled by hand. */
class SentenceEmbedderTest {
    private static final List<String> TEXTS = List.of("a much longer text than the others, with many words in it",
            "short", "", "Hello <pad> world, café 😀", "two words");

    @Test
    void batchedEmbeddingsEqualEachTextAloneInInputOrder() {
        Model model = TinyModels.tinyBert();
        int hidden = model.config().hiddenSize();
        float[][] batched = new SentenceEmbedder(model, new SentenceConfig(Pooling.MEAN, true, 512, hidden), 2).embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = TinyModels.meanPooledNormalizedByHand(model, TEXTS.get(i));
            assertArrayEquals(expected, batched[i], 1e-5f, "text " + i);
        }
    }

    @Test
    void longTextsAreCutToMaxSeqLengthKeepingSep() {
        Model model = TinyModels.tinyBert();
        SentenceEmbedder embedder = new SentenceEmbedder(model, new SentenceConfig(Pooling.CLS, false, 6, model.config().hiddenSize()), 4);
        Encoding full = model.tokenizer().encode(TEXTS.getFirst());
        Encoding cut = embedder.encode(TEXTS.getFirst());
        assertEquals(6, cut.length());
        assertArrayEquals(Arrays.copyOf(full.ids(), 5), Arrays.copyOf(cut.ids(), 5));
        assertEquals(full.ids()[full.length() - 1], cut.ids()[5], "[SEP] stays last");
        assertEquals(1, embedder.embed(List.of(TEXTS.getFirst())).length);
        assertEquals(0, embedder.embed(List.of()).length);
    }

    @Test
    void poolingConfigForAnotherWidthIsRefused() {
        Model model = TinyModels.tinyBert();
        TailsException e = assertThrows(TailsException.class,
                () -> new SentenceEmbedder(model, new SentenceConfig(Pooling.MEAN, true, 128, 384), 8));
        assertTrue(e.getMessage().contains("384 dimensions"), e.getMessage());
    }
}
