package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import dev.tails.corpus.Corpus;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The study runs its texts sorted by length; the counts must be those of the texts in their own order. */
class StudyOrderTest {
    @Test
    void sortingByLengthChangesNoCount() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        List<String> texts = Corpus.embedded().subList(0, 30);
        TokenizedCorpus unsorted = TokenizedCorpus.of(model, texts, false, true, false);
        assertNotEquals(texts, TokenizedCorpus.of(model, texts, false, true, true).inRunOrder().texts(),
                "the sample is not already sorted");
        int states = model.config().numLayers() + 1;
        int hidden = model.config().hiddenSize();
        OutlierCounts expected = new OutlierCounts(unsorted, states, hidden, Clip.none(hidden));
        new CorpusRunner(model, 7, false).forEachBatch(unsorted, ForwardHooks.NONE, expected::add, Progress.SILENT);

        StudyResult study = Study.run(model, texts, StudySettings.defaults(7, false, true, 1), Progress.SILENT);
        assertEquals(expected.tokens(), study.tails().counts().tokens());
        for (int s = 0; s < states; s++) {
            assertArrayEquals(expected.argminShares(s), study.tails().counts().argminShares(s), 1e-12, "state " + s);
            assertArrayEquals(expected.argmaxShares(s), study.tails().counts().argmaxShares(s), 1e-12, "state " + s);
        }
    }
}
