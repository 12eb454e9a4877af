package dev.tails.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.Progress;
import dev.tails.TestFiles;
import dev.tails.analysis.Study;
import dev.tails.analysis.StudyResult;
import dev.tails.analysis.StudySettings;
import dev.tails.corpus.Corpus;
import dev.tails.eval.EvalResult;
import dev.tails.io.Json;
import dev.tails.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The report of a tiny-bert study: summary.json has the fields scripts read; index.html renders in headless Chromium. */
class ReportRenderTest {
    @TempDir
    static Path dir;
    private static Path index;
    private static StudyResult result;

    @BeforeAll
    static void study() throws Exception {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        List<String> texts = Corpus.embedded().subList(0, 40);
        result = Study.run(model, texts, StudySettings.defaults(8, false, true, 1), Progress.SILENT);
        index = ReportWriter.write(result, "./tails analyze --model tiny-bert", dir);
        ReportWriter.addEvaluation(dir, Json.MAPPER.readValue(STS_RESULTS, EvalResult.class));
    }

    /** What `tails eval sts` writes, cut to one set: STS-B best raw 58.50 at layer 1, clipped 63.17 at layer 2. */
    private static final String STS_RESULTS = """
            {"task": "sts",
             "header": {"model": "tiny-bert", "clipDims": [5], "variants": ["raw", "clipped-after"], "limit": 0,
                        "seed": 42, "seconds": 12.5, "heapUsedMb": 300},
             "withSpecial": false,
             "sets": {"sts-b": {"pairs": 3, "subsets": {}, "spearman": {
               "raw": {"perLayer": [40.0, 58.5, 50.0], "bestLayer": 1, "best": 58.5},
               "clipped-after": {"perLayer": [41.0, 60.0, 63.17], "bestLayer": 2, "best": 63.17}}}}}
            """;

    @Test
    void evaluationsFillTheirSectionAndKeepTheStudy() throws Exception {
        String html = Files.readString(index);
        assertTrue(html.contains("<h2>Outliers per layer</h2>"), "the study is still there");
        assertTrue(html.contains("<td>STS-B</td>"), html);
        assertTrue(html.contains("<td>58.61 → 63.06</td><td>58.50 (L1)</td><td>63.17 (L2)</td><td></td>"), html);
        assertTrue(html.contains("STS-B: Spearman ×100 per layer"), "its chart");
        assertTrue(html.contains("sts 12.5 s, 300 MB heap"), "its cost");
        assertTrue(html.contains("Paper: Luo, Kulmizev and Mao, ACL 2021 (arXiv 2011.04393), bert-base-cased: sentence "
                + "embeddings: STS-B"), "the source of the paper's number");
        assertEquals(1, html.split("<h2>Evaluations</h2>", -1).length - 1, "one section, replaced not appended");
        ReportWriter.addEvaluation(dir, Json.MAPPER.readValue(STS_RESULTS, EvalResult.class));
        assertEquals(html, Files.readString(index), "adding the same results again changes nothing");
    }

    @Test
    void aResultsFileOfAnUnknownTaskOrOlderLayoutIsListedByName(@TempDir Path other) throws Exception {
        Files.createDirectories(other.resolve("eval"));
        Files.writeString(other.resolve("eval/future.json"), "{\"task\": \"future\", \"score\": 1}");
        Files.writeString(other.resolve("eval/sts-old.json"), "{\"task\": \"sts\", \"results\": {}}");
        Files.writeString(other.resolve("eval/broken.json"), "{\"task\": ");
        String html = Files.readString(ReportWriter.addEvaluation(other, Json.MAPPER.readValue(STS_RESULTS, EvalResult.class)));
        for (String name : new String[] {"future.json", "sts-old.json", "broken.json"}) {
            assertTrue(html.contains("<td>" + name + "</td><td>(not rendered: unknown task or older layout)</td>"), html);
        }
        assertTrue(html.contains("<td>58.50 (L1)</td>"), "the readable file is still rendered");
    }

    @Test
    void summaryHasOneObjectPerLayer() throws Exception {
        JsonNode json = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("tiny-bert", json.get("model").asText());
        assertEquals(result.raw().tokens(), json.get("tokens").asLong());
        assertEquals(result.states(), json.get("layers").size());
        JsonNode layer1 = json.get("layers").get(1);
        assertEquals(1, layer1.get("layer").asInt());
        assertEquals(result.raw().topArgmin(1).dim(), layer1.get("argmin").get("dim").asInt());
        assertTrue(layer1.get("anisotropy").get("raw").isNumber());
        assertTrue(layer1.get("self_similarity").has("clipped"));
        assertEquals(layer1.at("/self_similarity/clipped").asDouble() - layer1.at("/anisotropy/clipped").asDouble(),
                layer1.at("/self_similarity_adjusted/clipped").asDouble(), 1e-12, "adjusted = self-similarity - anisotropy");
        assertEquals(result.probes().layers().get(1).accuracy(), layer1.get("probe_accuracy").asDouble());
        JsonNode probe = json.get("probe");
        assertEquals(8, probe.get("dev_sentences").asInt());  // a held-out fifth of the 40 texts
        assertEquals(32, probe.get("train_sentences").asInt());
        assertTrue(probe.get("contribution").asText().contains("true position"));
        assertEquals(result.hidden(), probe.get("layers").get(1).get("contribution").size());
        assertEquals(result.clip().dims().length, probe.get("layers").get(1).get("outlier_dims").size());
    }

    @Test
    void withoutProbesTheirFieldsAreNull() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        StudyResult none = Study.run(model, Corpus.embedded().subList(0, 20),
                StudySettings.defaults(8, false, true, 1).withProbes(null), Progress.SILENT);
        Map<String, Object> json = SummaryJson.of(none, "x");
        assertNull(json.get("probe"));
        assertTrue(HtmlReport.render(none, "x").contains("Skipped (<code>--no-probes</code>)"));
    }

    @Test
    void sameSeedSameReport() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        StudyResult again = Study.run(model, Corpus.embedded().subList(0, 40), StudySettings.defaults(8, false, true, 1), Progress.SILENT);
        assertEquals(HtmlReport.render(result, "x"), HtmlReport.render(again, "x"));
    }

    @Test
    void rendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed: skipping the render check");
        Path png = dir.resolve("shot.png");
        Path profile = Files.createTempDirectory("tails-chromium");
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--screenshot=" + png, "--window-size=1200,2000", index.toUri().toString())
                .redirectErrorStream(true).start();
        String log = new String(chromium.getInputStream().readAllBytes());
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertFalse(log.contains("Uncaught") || log.contains("ERROR:CONSOLE"), log);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertTrue(distinctColours(shot) > 3, "the screenshot is blank");
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
