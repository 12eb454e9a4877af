package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tails eval sts`, `trees` and `probe` end to end on tiny-bert with data written here, built so that the
 * scores are known whatever the model's vectors: printed tables, the JSON and the report section.
 */
class EvalSentenceCommandsTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();
    private static final int STATES = 4;
    /** Identical sentences have cosine 1, above any other pair's: with gold 5 vs 0 the Spearman of two pairs is +-1. */
    private static final String SAME = "the cat sat on the mat .\tthe cat sat on the mat .";
    private static final String OTHER = "the cat sat on the mat .\tstocks fell sharply in early trading .";

    /** Runs the command and returns what it printed on stdout. */
    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.commandLine().execute(args));
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertEveryLayer(double expected, JsonNode perLayer) {
        assertEquals(STATES, perLayer.size(), "states 0..3 of tiny-bert");
        perLayer.forEach(score -> assertEquals(expected, score.asDouble(), 1e-9, perLayer.toString()));
    }

    @Test
    void stsScoresEachSubsetAndAYearIsTheirMean(@TempDir Path dir) throws IOException {
        Path year = Files.createDirectories(dir.resolve("senteval/STS/STS12-en-test"));
        Files.write(year.resolve("STS.input.A.txt"), List.of(SAME, OTHER));
        Files.write(year.resolve("STS.gs.A.txt"), List.of("5.0", "0.0"));
        // A and C rank the identical pair first (+100), B last (-100): the year's mean is 100 / 3. B's blank gold
        // line leaves its pair out, as SentEval does.
        Files.write(year.resolve("STS.input.B.txt"), List.of(SAME, OTHER, OTHER));
        Files.write(year.resolve("STS.gs.B.txt"), List.of("0.0", "", "5.0"));
        Files.write(year.resolve("STS.input.C.txt"), List.of(OTHER, SAME));
        Files.write(year.resolve("STS.gs.C.txt"), List.of("1.0", "4.0"));
        Path benchmark = Files.createDirectories(dir.resolve("senteval/STS/STSBenchmark"));
        Files.write(benchmark.resolve("sts-test.csv"), List.of(
                "main-captions\tMSRvid\t2012test\t0001\t5.000\t" + SAME, "main-captions\tMSRvid\t2012test\t0002\t0.000\t" + OTHER));
        Path json = dir.resolve("r.json");
        String out = run("eval", "sts", "--model", TINY, "--clip-dims", "5", "--data", dir.resolve("senteval").toString(),
                "--sets", "sts12,sts-b", "--variants", "raw,clipped-after", "--json", json.toString(),
                "--report", dir.resolve("report").toString());

        assertTrue(out.contains("sts12: Spearman x100, mean of 3 subsets (6 pairs)\nlayer               raw     clipped-after\n"
                + "    0             33.33             33.33\n"), out);
        assertTrue(out.contains("sts-b: Spearman x100 (2 pairs)\n"), out);
        assertTrue(out.contains(" best      100.00 (L 0)      100.00 (L 0)\n"), out);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals("sts", root.get("task").asText());
        assertEveryLayer(100, root.at("/sets/sts12/subsets/STS12-en-test~1A/spearman/raw/perLayer"));
        assertEveryLayer(-100, root.at("/sets/sts12/subsets/STS12-en-test~1B/spearman/clipped-after/perLayer"));
        assertEquals(2, root.at("/sets/sts12/subsets/STS12-en-test~1B/pairs").asInt());
        assertEveryLayer(100 / 3.0, root.at("/sets/sts12/spearman/raw/perLayer"));
        assertEveryLayer(100, root.at("/sets/sts-b/spearman/clipped-after/perLayer"));
        assertEquals(root, Json.MAPPER.readTree(dir.resolve("report/eval/sts.json").toFile()));
        String index = Files.readString(dir.resolve("report/index.html"));
        assertTrue(index.contains("<td>STS-B</td><td>Spearman ×100 (mean of sub-token vectors, [CLS]/[SEP] excluded)</td>"
                + "<td>58.61 → 63.06</td><td>100.00 (L0)</td><td>100.00 (L0)</td><td></td>"), index);
        assertTrue(index.contains("<td>STS12</td>") && index.contains("<td>not stated</td><td>33.33 (L0)</td>"), index);
    }

    @Test
    void treesScoreTheSentencesWithASpanToScoreBesideRightBranching(@TempDir Path dir) throws IOException {
        Path ptb = Files.createDirectories(dir.resolve("ptb"));
        // Gold spans over the six words: (The cat) (sat on the mat) (on the mat) (the mat). Right-branching
        // gets (cat .. mat) (sat .. mat) (on .. mat) (the mat): 3 of 4 on both sides, F1 75.
        Files.writeString(ptb.resolve("a.mrg"), """
                ( (S (NP (DT The) (NN cat)) (VP (VBD sat) (PP (IN on) (NP (DT the) (NN mat)))) (. .)) )
                ( (FRAG (UH Hi) (. !)) )
                """);
        Path json = dir.resolve("r.json");
        String out = run("eval", "trees", "--model", TINY, "--clip-dims", "5", "--data", ptb.toString(),
                "--json", json.toString(), "--report", dir.resolve("report").toString());

        assertTrue(out.contains("trees: sentence-level F1 x100 over 1 sentences, COSINE distance\n"
                + "layer               raw     clipped-after  clipped-in-graph\n"), out);
        assertTrue(out.contains("baselines: right-branching 75.00, random "), out);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals("trees", root.get("task").asText());
        assertEquals(1, root.get("sentences").asInt(), "a sentence of one word has no span to score");
        assertEquals(75.0, root.get("rightBranching").asDouble(), 1e-9);
        for (String v : new String[] {"raw", "clipped-after", "clipped-in-graph"}) {
            JsonNode perLayer = root.at("/f1/" + v + "/perLayer");
            assertEquals(STATES, perLayer.size());
            // One sentence: F1 is one of the few values 4 predicted and 4 gold spans allow.
            perLayer.forEach(f1 -> assertTrue(Set.of(0.0, 25.0, 50.0, 75.0, 100.0).contains(f1.asDouble()), f1.toString()));
        }
        assertEquals(root, Json.MAPPER.readTree(dir.resolve("report/eval/trees.json").toFile()));
        String index = Files.readString(dir.resolve("report/index.html"));
        assertTrue(index.contains("<td>Trees (1 PTB sentences, COSINE)</td>") && index.contains("clipping helps (numbers not quoted)"), index);
        assertTrue(index.contains("Trees: F1 ×100 per layer (right-branching 75.00"), "its chart");
    }

    @Test
    void aProbeTrainedOnOneClassPredictsItEverywhere(@TempDir Path dir) throws IOException {
        Path sst = Files.createDirectories(dir.resolve("senteval/SST/binary"));
        Files.write(sst.resolve("sentiment-train"), List.of("a joy to watch\t1", "warm and funny\t1",
                "the best film of the year\t1", "a delight\t1", "smart , sweet and moving\t1", "great fun\t1"));
        Files.write(sst.resolve("sentiment-dev"), List.of("a gem\t1", "utterly charming\t1", "well made\t1"));
        Path json = dir.resolve("r.json");
        String out = run("eval", "probe", "--model", TINY, "--clip-dims", "5", "--data", dir.resolve("senteval").toString(),
                "--task", "sst2", "--epochs", "3", "--limit", "5", "--json", json.toString(),
                "--report", dir.resolve("report").toString());

        assertTrue(out.contains("sst2 probe: dev accuracy % (5 train texts, 3 epochs, seed 42)\n"), out);
        assertTrue(out.contains(" best      100.00 (L 0)      100.00 (L 0)      100.00 (L 0)\n"), out);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals("probe", root.get("task").asText());
        assertEquals(3, root.get("evalTexts").asInt());
        assertEquals(5, root.at("/header/limit").asInt());
        for (String v : new String[] {"raw", "clipped-after", "clipped-in-graph"}) {
            assertEveryLayer(100, root.at("/accuracy/" + v + "/perLayer"));
        }
        assertEquals(root, Json.MAPPER.readTree(dir.resolve("report/eval/probe-sst2.json").toFile()));
        String index = Files.readString(dir.resolve("report/index.html"));
        assertTrue(index.contains("<td>SST2 probe (5 train texts)</td><td>dev accuracy %</td>"
                + "<td>clipping changes it by ≤ 0.5 points</td><td>100.00 (L0)</td>"), index);
    }
}
