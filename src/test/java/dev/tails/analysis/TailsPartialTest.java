package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.CorpusRunner;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study's counts and means of two halves of a corpus, merged, are those of one study over the whole. */
class TailsPartialTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final CorpusRunner RUNNER = new CorpusRunner(TINY, 7, false);
    private static final List<String> TEXTS = Corpus.embedded().subList(0, 30);

    @Test
    void twoHalvesMergedEqualTheStudyOfTheWhole() {
        StudyResult.Tails merged = half(0, 15).merge(TailsPartial.fromJson(half(15, 30).toJson())).result();
        StudyResult.Tails study = Study.run(TINY, TEXTS, StudySettings.defaults(7, false, true, 1).withProbes(null),
                Progress.SILENT).tails();
        long tokens = TEXTS.stream().mapToLong(t -> TINY.tokenizer().encode(t).length()).sum();
        assertEquals(tokens, merged.counts().tokens(), "every token, [CLS] and [SEP] included");
        // Counts are exact, so everything read off them is equal bit for bit.
        assertEquals(study.tailDim(), merged.tailDim());
        assertEquals(study.tailShare(), merged.tailShare(), 0);
        assertEquals(study.outliers(), merged.outliers());
        assertArrayEquals(study.clippedDims(), merged.clippedDims());
        for (int s = 0; s <= TINY.config().numLayers(); s++) {
            assertArrayEquals(study.counts().argminShares(s), merged.counts().argminShares(s), 0, "state " + s);
            assertArrayEquals(study.counts().argmaxShares(s), merged.counts().argmaxShares(s), 0, "state " + s);
            // Means are sums of floats in double, in another order: within 1e-6.
            assertArrayEquals(study.means().mean(s), merged.means().mean(s), 1e-6, "state " + s);
            assertArrayEquals(study.means().meanAbs(s), merged.means().meanAbs(s), 1e-6, "state " + s);
            assertEquals(1, java.util.Arrays.stream(merged.counts().argminShares(s)).sum(), 1e-12,
                    "each vector has one minimum");
        }
    }

    @Test
    void partialsMadeDifferentlyAndBadFilesAreRefused() {
        TailsPartial with = TailsPartial.of(RUNNER, true, 0.1);
        TailsException e = assertThrows(TailsException.class, () -> with.merge(TailsPartial.of(RUNNER, false, 0.2)));
        assertTrue(e.getMessage().contains("outlierShare '0.1' vs '0.2', specialTokens 'true' vs 'false'"), e.getMessage());
        String json = half(0, 2).toJson();
        e = assertThrows(TailsException.class, () -> TailsPartial.fromJson(json.replace("\"model.hidden\":\"32\"", "\"model.hidden\":\"31\"")));
        assertTrue(e.getMessage().contains("argmin[0] holds 32 entries, expected 31"), e.getMessage());
        e = assertThrows(TailsException.class, () -> TailsPartial.fromJson(json.replace("\"analyze-tails\"", "\"attribute\"")));
        assertTrue(e.getMessage().contains("kind 'attribute'"), e.getMessage());
        e = assertThrows(TailsException.class, () -> TailsPartial.of(RUNNER, true, 0.1).result());
        assertTrue(e.getMessage().contains("no tokens were counted"), e.getMessage());
    }

    private static TailsPartial half(int from, int to) {
        return TailsPartial.of(RUNNER, true, 0.1).add(RUNNER, TEXTS.subList(from, to), Progress.SILENT);
    }
}
