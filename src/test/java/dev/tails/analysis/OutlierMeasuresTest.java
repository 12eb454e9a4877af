package dev.tails.analysis;

import dev.tails.TestFiles;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kurtosis, max |value| and Timkey and van Schijndel's cosine shares on vectors whose answers are worked out by hand. */
class OutlierMeasuresTest {

    /**
     * 4 tokens x 3 dims:
     * dim 0: 1, -1, 1, -1: mean 0, m2 = 1, m4 = 1, kurtosis 1, max |x| 1;
     * dim 1: 0, 0, 0, 4: mean 1, deviations -1, -1, -1, 3, m2 = (1+1+1+9)/4 = 3, m4 = (1+1+1+81)/4 = 21,
     * kurtosis 21/9 = 7/3, max |x| 4;
     * dim 2: 101, 102, 103, 104 (far from zero, like a tail dim): deviations -1.5, -0.5, 0.5, 1.5,
     * m2 = (2.25+0.25+0.25+2.25)/4 = 1.25, m4 = (5.0625+0.0625+0.0625+5.0625)/4 = 2.5625,
     * kurtosis 2.5625/1.5625 = 1.64, std sqrt(1.25), max |x| 104.
     */
    @Test
    void kurtosisAndMaxAbsOfFourTokens() {
        DimMoments m = new DimMoments(3);
        float[] rows = {1, 0, 101, -1, 0, 102, 1, 0, 103, -1, 4, 104};
        for (int t = 0; t < 4; t++) {
            m.add(rows, 3 * t);
        }
        assertEquals(4, m.count());
        assertEquals(1.0, m.kurtosis(0), 1e-12);
        assertEquals(7.0 / 3, m.kurtosis(1), 1e-12);
        assertEquals(1.64, m.kurtosis(2), 1e-12);
        assertEquals(1, m.maxAbs(0));
        assertEquals(4, m.maxAbs(1));
        assertEquals(104, m.maxAbs(2));
        assertEquals(102.5, m.mean(2), 1e-12);
        assertEquals(Math.sqrt(1.25), m.std(2), 1e-12);
        assertEquals(List.of(new DimValue(1, 7.0 / 3), new DimValue(2, 1.64)), DimValue.top(m.kurtosis(), 2));
    }

    @Test
    void aConstantDimHasNoKurtosisAndIsLeftOutOfTheTop() {
        DimMoments m = new DimMoments(2);
        float[] rows = {5, 1, 5, 2};
        m.add(rows, 0);
        m.add(rows, 2);
        assertTrue(Double.isNaN(m.kurtosis(0)));
        assertEquals(List.of(1), DimValue.top(m.kurtosis(), 5).stream().map(DimValue::dim).toList());
    }

    /**
     * Four counted tokens (the "the" of four texts, specials left out), only dims 0 and 1 non-zero:
     * a = (11, 5), b = (9, 5), c = (11, -5), d = (9, -5); |a| = |c| = sqrt(146), |b| = |d| = sqrt(106).
     * Raw cosines of the 6 pairs: ab = cd = 124/sqrt(146*106) = 0.99678, ac = 96/146 = 0.65753,
     * ad = bc = 74/124.403 = 0.59485, bd = 56/106 = 0.52830: mean 4.36909/6 = 0.728175.
     * Dim 0's part: ab = ad = bc = cd = 99/124.403 = 0.79582, ac = 121/146 = 0.82877, bd = 81/106 = 0.76415:
     * 4.77620/6 = 0.796022; dim 1's part is the rest, 0.728175 - 0.796022 = -0.067847.
     * Standardized (means 10, 0; population stds 1, 5): (1, 1), (-1, 1), (1, -1), (-1, -1); the cosines are
     * 0 except ad = bc = -1: mean -1/3, each dim -1/6, share 1/2. Dims 2.. have std 0 and read as 0.
     */
    @Test
    void cosineSharesRawAndStandardized() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        int h = model.config().hiddenSize();
        TokenizedCorpus corpus = TokenizedCorpus.of(model, Collections.nCopies(4, "the"), false, false, false);
        int[] texts = IntStream.range(0, 4).toArray();
        var batch = corpus.batch(texts);
        float[] state = new float[batch.rows() * h];
        float[][] vectors = {{11, 5}, {9, 5}, {11, -5}, {9, -5}};
        for (int s = 0; s < 4; s++) {
            // token 1 of each text is "the"; [CLS] and [SEP] get a vector too, but are not counted
            state[(s * batch.seqLen() + 1) * h] = vectors[s][0];
            state[(s * batch.seqLen() + 1) * h + 1] = vectors[s][1];
            state[(s * batch.seqLen()) * h + 5] = 1000;
        }
        CorpusBatch crafted = new CorpusBatch(corpus, texts, new EncoderOutput(batch, h, new float[][] {state}, null));
        OutlierMeasures measures = new OutlierMeasures(1, h);
        measures.add(crafted);
        CosineShares shares = new CosineShares(measures);
        shares.add(crafted);

        CosineShares.Layer layer = shares.layers().getFirst();
        assertEquals(0.728175, layer.expectedCosine(), 1e-6);
        assertEquals(0.796022, shares.contributions(0, false)[0], 1e-6);
        assertEquals(-0.067847, shares.contributions(0, false)[1], 1e-6);
        assertEquals(0, shares.contributions(0, false)[5], "an uncounted [CLS] adds nothing");
        assertEquals(0, layer.topShares().getFirst().dim());
        assertEquals(0.796022 / 0.728175, layer.topShares().getFirst().value(), 1e-5);
        assertEquals(-1.0 / 3, layer.standardizedExpectedCosine(), 1e-6);
        assertEquals(-1.0 / 6, shares.contributions(0, true)[0], 1e-6);
        assertEquals(-1.0 / 6, shares.contributions(0, true)[1], 1e-6);
        assertEquals(0.5, layer.standardizedTopShares().getFirst().value(), 1e-6);
    }
}
