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
        assertTrue(html.contains("<td>96.60% (SST-2 + QQP, all layers)</td>")
                && html.contains("<td>origin of the outliers: argmin of the position embedding of position 0</td><td>557</td>"),
                "the paper's study claims, from PaperClaims");
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

    /** summary.json is the result records by name; what must not be dumped (dev texts, per-unit parts) is not. */
    @Test
    void summaryIsTheResultByName() throws Exception {
        JsonNode json = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("./tails analyze --model tiny-bert", json.get("command").asText());
        assertEquals("tiny-bert", json.at("/run/model").asText());
        assertEquals(40, json.at("/run/texts").asInt());
        assertEquals(result.run().tokens(), json.at("/run/tokens").asLong());
        JsonNode layers = json.at("/tails/layers");
        assertEquals(4, layers.size(), "tiny-bert: embeddings + 3 blocks");
        assertEquals(1, layers.get(1).get("layer").asInt());
        assertEquals(result.tails().counts().topArgmin(1).dim(), layers.get(1).at("/argmin/dim").asInt());
        assertEquals(4, json.at("/interventions/argminPerLayer").size());
        assertTrue(json.at("/geometry/anisotropy/raw/1").isNumber());
        assertEquals(json.at("/geometry/selfSimilarity/clipped/1").asDouble() - json.at("/geometry/anisotropy/clipped/1").asDouble(),
                json.at("/geometry/selfSimilarityAdjusted/clipped/1").asDouble(), 1e-12, "adjusted = self-similarity - anisotropy");
        assertEquals(3, json.get("attribution").size(), "one per block");
        assertFalse(json.at("/attribution/0/output").has("units"), "the top units are there, not all 64 neurons");
        assertEquals(result.run().settings().topUnits(), json.at("/attribution/0/neurons").size());
        JsonNode probes = json.get("probes");
        assertEquals(result.probes().layers().get(1).accuracy(), probes.at("/layers/1/accuracy").asDouble());
        assertEquals(8, probes.get("devSentences").asInt());  // a held-out fifth of the 40 texts
        assertEquals(32, probes.get("trainSentences").asInt());
        assertTrue(probes.get("contribution").asText().contains("true position"));
        assertEquals(32, probes.at("/layers/1/contribution").size(), "one per hidden dim");
        assertEquals("adam", probes.at("/settings/training/optimizer/name").asText());
        assertEquals(0.9, probes.at("/settings/training/optimizer/beta1").asDouble());
        assertFalse(probes.get("settings").has("devTexts"), "the texts themselves stay out");
    }

    @Test
    void withoutProbesTheirFieldsAreNull() {
        Model model = Model.load(TestFiles.resource("models/tiny-bert"));
        StudyResult none = Study.run(model, Corpus.embedded().subList(0, 20),
                StudySettings.defaults(8, false, true, 1).withProbes(null), Progress.SILENT);
        JsonNode json = Json.MAPPER.valueToTree(SummaryJson.of(none, "x"));
        assertTrue(json.get("probes").isNull());
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
