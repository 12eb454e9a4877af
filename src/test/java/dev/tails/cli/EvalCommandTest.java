package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails eval` end to end on tiny-bert and the WiC excerpt in src/test/resources/eval. */
class EvalCommandTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();
    private static final String WIC = TestFiles.resource("eval/wic").toString();

    @Test
    void wicWritesOnePredictionPerPairAndTheJson(@TempDir Path dir) throws IOException {
        Path predictions = dir.resolve("p.txt");
        Path json = dir.resolve("r.json");
        int exit = Main.commandLine().execute("eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", WIC,
                "--predictions", predictions.toString(), "--json", json.toString(), "--report", dir.resolve("report").toString());
        assertEquals(0, exit);
        assertEquals(6, Files.readAllLines(predictions).size());
        assertTrue(Files.readAllLines(predictions).stream().allMatch(l -> l.equals("T") || l.equals("F")));
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals(8, root.get("trainPairs").asInt());
        assertEquals(4, root.at("/bestThresholdAccuracyPerLayer/raw/perLayer").size(), "states 0..3 of tiny-bert");
        assertEquals("wic", root.get("task").asText());
        assertEquals(List.of(5), List.of(root.at("/header/clipDims/0").asInt()));
        assertTrue(root.at("/header/seconds").isNumber());
        assertEquals(String.join("", Files.readAllLines(predictions)), root.at("/choices/clipped-after/predictions").asText(),
                "the predictions file is the default variant's predictions");
        assertEquals(root, Json.MAPPER.readTree(dir.resolve("report/eval/wic.json").toFile()));
        String index = Files.readString(dir.resolve("report/index.html"));
        assertTrue(index.contains("WiC train (8 pairs)") && index.contains("<svg"), index);
        assertTrue(index.contains("<td>67.5 (L7, 0.7) → 68.4 (L10, 0.5)</td>"), "the paper's WiC numbers beside ours");
    }

    @Test
    void unlabeledTestSplitStillGetsPredictionsFromTheTrainChoice(@TempDir Path dir) throws IOException {
        Path wic = Path.of(WIC);
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("test"));
        for (String name : new String[] {"train.data.txt", "train.gold.txt"}) {
            Files.copy(wic.resolve("train").resolve(name), dir.resolve("train").resolve(name));
        }
        Files.copy(wic.resolve("dev/dev.data.txt"), dir.resolve("test/test.data.txt"));
        Path predictions = dir.resolve("p.txt");
        int exit = Main.commandLine().execute("eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", dir.toString(),
                "--split", "test", "--variants", "raw", "--predict-with", "raw", "--predictions", predictions.toString(),
                "--report", dir.resolve("report").toString());
        assertEquals(0, exit);
        assertEquals(6, Files.readAllLines(predictions).size());
    }

    @Test
    void wsdScoresEverySetAndLayerOnTheExcerpts(@TempDir Path dir) throws IOException {
        Path semcor = dir.resolve("semcor.tar.xz");
        byte[] doc = Files.readAllBytes(TestFiles.resource("eval/wsd/br-h13-excerpt.naf"));
        TestFiles.tarXz(semcor, java.util.Map.of("semcor3.0/brown2/br-h13.naf", doc));
        Path json = dir.resolve("r.json");
        String[] args = {"eval", "wsd", "--model", TINY, "--clip-dims", "5", "--semcor", semcor.toString(),
                "--data", TestFiles.resource("eval/wsd").toString(), "--json", json.toString(),
                "--report", dir.resolve("report").toString()};
        assertEquals(0, Main.commandLine().execute(args));
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals(16, root.at("/sets/ALL/instances").asInt());
        assertEquals(4, root.at("/sets/semeval2013/instances").asInt());
        // year, serve, area and several of the excerpt are candidates of the eval lemmas; person is not.
        assertEquals(4, root.at("/training/raw/tagsUsed").asInt());
        assertEquals(4, root.at("/training/clipped-in-graph/sensesSeen").asInt());
        for (String v : new String[] {"raw", "clipped-after", "clipped-in-graph"}) {
            assertEquals(4, root.at("/sets/ALL/f1/" + v + "/perLayer").size(), "states 0..3 of tiny-bert");
        }
        assertTrue(root.at("/sets/ALL/firstSenseF1").isNumber());
        assertTrue(Files.readString(dir.resolve("report/index.html")).contains("WSD semeval2015"));
        assertEquals(0, Main.commandLine().execute(args));
        assertEquals(root.get("sets"), Json.MAPPER.readTree(json.toFile()).get("sets"), "a second run gives the same scores");
    }

    @Test
    void clipDimsAreRequiredForModelsWithoutADefault() {
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertEquals(1, cmd.execute("eval", "wic", "--model", TINY, "--data", WIC));
        assertTrue(err.toString().contains("--clip-dims is required for model tiny-bert"), err.toString());
    }
}
