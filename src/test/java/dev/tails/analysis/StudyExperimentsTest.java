package dev.tails.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.MlmFolders;
import dev.tails.Progress;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.io.Json;
import dev.tails.model.Model;
import dev.tails.report.HtmlReport;
import dev.tails.report.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study carries the experiments into its result, summary.json and the report; a model without the head skips the masked LM. */
class StudyExperimentsTest {
    private static final List<String> TEXTS = Corpus.embedded().subList(0, 20);

    @Test
    void withTheHeadEveryConditionIsInTheSummaryAndTheReport(@TempDir Path dir) throws IOException {
        Model model = Model.load(MlmFolders.withHead("tiny-bert", dir));
        StudySettings settings = StudySettings.defaults(8, false, true, 1).withProbes(null)
                .withMaskedLm(new MaskedLmSettings(10, 0.15, 1, 2));
        StudyResult r = Study.run(model, TEXTS, settings, Progress.SILENT);
        MaskedLmResult m = r.experiments().maskedLm();
        assertEquals(10, m.texts());
        assertEquals(List.of("raw", "tailZeroedInFlow", "tailLayerNormZeroed", "randomZeroedInFlow", "randomLayerNormZeroed"),
                m.conditions().stream().map(MaskedLmResult.Condition::key).toList());
        assertEquals(r.tails().clippedDims().length, m.tailDims().length);

        JsonNode json = Json.MAPPER.valueToTree(SummaryJson.of(r, "x"));
        assertEquals(m.condition("raw").accuracy(), json.at("/experiments/maskedLm/conditions/0/accuracy").asDouble());
        assertEquals(Math.exp(m.condition("raw").loss()), json.at("/experiments/maskedLm/conditions/0/perplexity").asDouble(), 1e-9);
        assertEquals(r.run().states(), json.at("/experiments/outlierMeasures/layers").size());
        assertEquals(r.run().states(), json.at("/experiments/cosineShares/layers").size());
        assertTrue(json.at("/papers/0/source").asText().contains("2105.06990"));
        String html = HtmlReport.render(r, "x");
        assertTrue(html.contains("Outlier dims and the masked LM") && html.contains("gamma and beta zeroed"), "the section");
        assertTrue(html.contains("2205.11380"), "the papers beside ours");
        assertFalse(html.contains("&amp;quot;"), "quotes escaped once");
    }

    @Test
    void withoutTheHeadTheMaskedLmIsSkipped() {
        StudyResult r = Study.run(Model.load(TestFiles.resource("models/tiny-bert")), TEXTS,
                StudySettings.defaults(8, false, true, 1).withProbes(null), Progress.SILENT);
        assertNull(r.experiments().maskedLm());
        assertTrue(HtmlReport.render(r, "x").contains("Masked-LM experiment not run"));
    }
}
