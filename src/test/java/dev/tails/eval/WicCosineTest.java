package dev.tails.eval;

import dev.tails.Progress;
import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.Variant;
import dev.tails.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** WiC cosines on tiny-bert against values computed here, independently, from Model.forward. */
class WicCosineTest {
    private static final int CLIP = 5;
    private static final WicPair PAIR = new WicPair("circulate", "V", 0, 4, "Circulate a rumor .",
            "This letter is being circulated among the faculty .", false);
    private static Model model;
    private static Map<Variant, double[][]> cosines;

    @BeforeAll
    static void run() {
        model = Model.load(TestFiles.resource("models/tiny-bert"));
        cosines = WicEvaluation.cosines(new CorpusRunner(model, 2, false), Clip.of(model.config().hiddenSize(), CLIP), List.of(PAIR),
                EnumSet.allOf(Variant.class), Progress.SILENT);
    }

    /** The word's vector: mean of its sub-tokens, located by tokenizing the words before it (WordPiece is per word). */
    private static double[] wordVector(String sentence, int index, int state, boolean clip) {
        String[] words = sentence.split(" ");
        int from = 1 + (index == 0 ? 0 : model.tokenizer().encode(String.join(" ", List.of(words).subList(0, index))).length() - 2);
        int count = model.tokenizer().encode(words[index]).length() - 2;
        float[] hidden = model.forward(List.of(sentence)).hidden(state, 0);
        int h = model.config().hiddenSize();
        double[] mean = new double[h];
        for (int t = from; t < from + count; t++) {
            for (int d = 0; d < h; d++) {
                mean[d] += hidden[t * h + d] / (double) count;
            }
        }
        if (clip) {
            mean[CLIP] = 0;
        }
        return mean;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void rawAndClippedAfterMatchIndependentComputation() {
        for (int state = 0; state <= model.config().numLayers(); state++) {
            for (boolean clip : new boolean[] {false, true}) {
                double expected = cosine(wordVector(PAIR.sentence1(), 0, state, clip), wordVector(PAIR.sentence2(), 4, state, clip));
                Variant v = clip ? Variant.CLIPPED_AFTER : Variant.RAW;
                assertEquals(expected, cosines.get(v)[0][state], 1e-5, v + " state " + state);
            }
        }
    }

    @Test
    void inGraphClippingEqualsAfterUntilItFlowsIntoABlock() {
        // States 0 and 1 see no clipped input yet; from state 2 on the block reads clipped vectors.
        for (int state = 0; state <= 1; state++) {
            assertEquals(cosines.get(Variant.CLIPPED_AFTER)[0][state], cosines.get(Variant.CLIPPED_IN_GRAPH)[0][state], 1e-6);
        }
        assertNotEquals(cosines.get(Variant.CLIPPED_AFTER)[0][3], cosines.get(Variant.CLIPPED_IN_GRAPH)[0][3], 1e-6);
    }
}
