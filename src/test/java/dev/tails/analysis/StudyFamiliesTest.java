package dev.tails.analysis;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study on the families beyond BERT/RoBERTa: DistilBERT runs, masked-LM experiment included; ELECTRA's projected embeddings are refused by name. */
class StudyFamiliesTest {
    private static final List<String> TEXTS = Corpus.embedded().subList(0, 20);

    @Test
    void distilBertRunsTheWholeStudy() {
        Model model = Model.load(TestFiles.resource("models/tiny-distilbert"));
        StudyResult study = Study.run(model, TEXTS, StudySettings.defaults(7, false, true, 1), Progress.SILENT);
        assertEquals(TEXTS.size(), study.run().texts());
        assertTrue(study.experiments().maskedLm().maskedTokens() > 0, "its checkpoint's vocab_* head runs the masked-LM experiment");
    }

    @Test
    void electraWithAnEmbeddingProjectionIsRefusedByName() {
        Model model = Model.load(TestFiles.resource("models/tiny-electra"));
        String m = assertThrows(TailsException.class,
                () -> Study.run(model, TEXTS, StudySettings.defaults(7, false, true, 1), Progress.SILENT)).getMessage();
        assertTrue(m.contains("embedding_size 16") && m.contains("hidden_size 32"), m);
    }

    @Test
    void zeroingElectrasPositionLookupCoversItsNarrowWidth() {
        Model model = Model.load(TestFiles.resource("models/tiny-electra"));
        var batch = model.batch(List.of("the cat sat"), false);
        var plain = model.forward(batch, ForwardHooks.NONE);
        var zeroed = model.forward(batch, InterventionHooks.zeroPositionEmbeddings(model.config()));
        assertNotEquals(plain.hiddenStates()[0][0], zeroed.hiddenStates()[0][0]);
    }
}
