package dev.tails.analysis;

import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.CorpusBatch;
import dev.tails.corpus.SentenceSample;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Each statistic on crafted hidden states whose answer is worked out by hand. The texts are
 * "the" ten times: [CLS] the [SEP], three tokens each, one sequence per text.
 */
class StudyStatisticsTest {
    private static final Model MODEL = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final int H = MODEL.config().hiddenSize();
    private static final TokenizedCorpus CORPUS = TokenizedCorpus.of(MODEL, Collections.nCopies(10, "the"), false, true, false);

    /** One hidden state: token p of text s gets vectorOf(s, p). */
    private static CorpusBatch crafted(VectorOf vectorOf) {
        int[] texts = IntStream.range(0, CORPUS.size()).toArray();
        var batch = CORPUS.batch(texts);
        float[] state = new float[batch.rows() * H];
        for (int s = 0; s < batch.size(); s++) {
            for (int p = 0; p < batch.length(s); p++) {
                System.arraycopy(vectorOf.at(s, p), 0, state, (s * batch.seqLen() + p) * H, H);
            }
        }
        return new CorpusBatch(CORPUS, texts, new EncoderOutput(batch, H, new float[][] {state}, null));
    }

    private interface VectorOf {
        float[] at(int sentence, int position);
    }

    private static float[] unit(int... dims) {
        float[] v = new float[H];
        for (int d : dims) {
            v[d] = 1;
        }
        return v;
    }

    @Test
    void cosineReadsClippedDimsAsZero() {
        float[] a = {1, 0, 5};
        float[] b = {0, 1, 5};
        assertEquals(25.0 / 26, Clip.none(3).cosine(a, 0, b, 0), 1e-12);
        assertEquals(0, Clip.of(3, 2).cosine(a, 0, b, 0), 1e-12);
    }

    @Test
    void argminCountingWithAndWithoutClip() {
        // Every vector is 0 but -3 at dim 4 and -1 at dim 7: the min is 4, and 7 once 4 is clipped.
        float[] v = new float[H];
        v[4] = -3;
        v[7] = -1;
        var raw = new OutlierCounts(CORPUS, 1, H, Clip.none(H));
        var clipped = new OutlierCounts(CORPUS, 1, H, Clip.of(H, 4));
        CorpusBatch out = crafted((s, p) -> v);
        raw.add(out);
        clipped.add(out);
        assertEquals(30, raw.tokens());
        assertEquals(new OutlierCounts.DimShare(4, 1.0), raw.topArgmin(0));
        assertEquals(new OutlierCounts.DimShare(7, 1.0), clipped.topArgmin(0));
    }

    @Test
    void intraSentenceSimilarityByHand() {
        // [CLS] and [SEP] are e0, "the" is e1: mean (2/3, 1/3); cosines 2/sqrt5, 1/sqrt5, 2/sqrt5.
        var intra = new IntraSentenceSimilarity(CORPUS, new int[] {0, 1}, 1, Clip.none(H), Clip.of(H, 1));
        intra.add(crafted((s, p) -> p == 1 ? unit(1) : unit(0)));
        assertEquals((4 / Math.sqrt(5) + 1 / Math.sqrt(5)) / 3, intra.mean(0, 0), 1e-6);
        // With dim 1 clipped, "the" is the zero vector (cosine 0) and the others point along the mean.
        assertEquals(2.0 / 3, intra.mean(1, 0), 1e-6);
    }

    @Test
    void selfSimilarityIsTheMeanOverAllPairs() {
        // "the" is e0 in 4 texts and e1 in 6: 6 + 15 of the 45 pairs have cosine 1, the others 0.
        var self = new SelfSimilarity(CORPUS, 10, 1000, 1, 1, H, Clip.none(H));
        self.add(crafted((s, p) -> s < 4 ? unit(0) : unit(1)));
        assertEquals(1, self.words());
        assertEquals(21.0 / 45, self.mean(0, 0), 1e-9);
    }

    @Test
    void anisotropyOfParallelAndOrthogonalVectors() {
        // All vectors share dim 0 and nothing else after dim 3 is clipped; raw they are e0 + e3 or e0.
        var anisotropy = new Anisotropy(CORPUS, new int[] {0, 1, 2, 3}, 50, 1);
        anisotropy.add(crafted((s, p) -> unit(0, 3)));
        assertEquals(50, anisotropy.pairs());
        assertEquals(1, anisotropy.meanCosine(0, Clip.none(H)), 1e-6);
        assertEquals(1, anisotropy.meanCosine(0, Clip.of(H, 3)), 1e-6);
        assertEquals(0, new Anisotropy(CORPUS, new int[] {0}, 0, 1).pairs());
    }

    @Test
    void samplingIsDeterministicSortedAndDistinct() {
        int[] a = SentenceSample.of(100, 10, 1);
        assertArrayEquals(a, SentenceSample.of(100, 10, 1));
        assertNotEquals(List.of(a), List.of(SentenceSample.of(100, 10, 2)));
        assertEquals(10, java.util.Arrays.stream(a).distinct().count());
        assertArrayEquals(java.util.Arrays.stream(a).sorted().toArray(), a);
        assertArrayEquals(new int[] {0, 1, 2}, SentenceSample.of(3, 10, 1));
    }

    @Test
    void sstLabelsAreCut() {
        assertEquals(List.of("a b", "plain", "x\ty"), Corpus.withoutLabels(List.of("a b \t1", "plain", "x\ty\t0")));
    }

    @Test
    void normRankCountsLargerMagnitudes() {
        assertEquals(2, NormRanks.rankOf(new float[] {0.5f, -3, 1}, 2));
        assertEquals(1, NormRanks.rankOf(new float[] {0.5f, -3, 1}, 1));
    }

    @Test
    void specialTokensCanBeLeftOut() {
        var words = TokenizedCorpus.of(MODEL, Collections.nCopies(10, "the"), false, false, false);
        assertEquals(10, words.countedTokens());
        assertEquals(30, CORPUS.countedTokens());
    }
}
