package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `eval trees|sts --partial FILE --part I/N` on each part, then `merge --partials`: the results JSON of one run. */
class EvalPartialCommandsTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();

    @Test
    void mergedPartsWriteTheWholeRunsResults(@TempDir Path dir) throws IOException {
        Path ptb = Files.createDirectories(dir.resolve("ptb"));
        Files.writeString(ptb.resolve("a.mrg"), """
                ( (S (NP (DT The) (NN cat)) (VP (VBD sat) (PP (IN on) (NP (DT the) (NN mat)))) (. .)) )
                ( (S (NP (NNS Stocks)) (VP (VBD fell) (ADVP (RB sharply)) (PP (IN in) (NP (JJ early) (NN trading)))) (. .)) )
                ( (S (NP (PRP She)) (VP (VBD read) (NP (DT a) (JJ long) (NN book))) (. .)) )
                """);
        Path whole = dir.resolve("whole.json");
        assertEquals(0, CliRunner.run(args(ptb, "--json", whole.toString(), "--report", dir.resolve("report").toString())).exit());
        for (String part : List.of("0", "1")) {
            CliRunner.Result run = CliRunner.run(args(ptb, "--partial", dir.resolve(part + ".json").toString(), "--part", part + "/2"));
            assertEquals(0, run.exit(), run.err());
        }
        Path merged = dir.resolve("merged.json");
        CliRunner.Result merge = CliRunner.run("merge", "--partials", dir.resolve("0.json").toString(),
                dir.resolve("1.json").toString(), "--out", merged.toString());
        assertEquals(0, merge.exit(), merge.err());
        JsonNode expected = Json.MAPPER.readTree(whole.toFile());
        JsonNode actual = Json.MAPPER.readTree(merged.toFile());
        for (String timing : List.of("seconds", "heapUsedMb")) {  // what the run cost differs, nothing else
            ((ObjectNode) expected.get("header")).remove(timing);
            ((ObjectNode) actual.get("header")).remove(timing);
        }
        assertEquals(expected.get("header"), actual.get("header"));
        assertEquals(expected.get("sentences"), actual.get("sentences"));
        assertEquals(expected.get("rightBranching"), actual.get("rightBranching"));
        assertEquals(expected.get("random"), actual.get("random"));
        for (String variant : List.of("raw", "clipped-after", "clipped-in-graph")) {
            JsonNode e = expected.at("/f1/" + variant + "/perLayer");
            for (int layer = 0; layer < e.size(); layer++) {
                assertEquals(e.get(layer).asDouble(), actual.at("/f1/" + variant + "/perLayer").get(layer).asDouble(), 1e-6);
            }
        }
    }

    @Test
    void mergedStsPartsWriteTheWholeRunsScoresBitForBit(@TempDir Path dir) throws IOException {
        Path senteval = dev.tails.eval.StsPartialTest.senteval(dir);
        List<String> sts = List.of("eval", "sts", "--model", TINY, "--clip-dims", "5", "--data", senteval.toString(),
                "--sets", "sts-b");
        Path whole = dir.resolve("whole.json");
        assertEquals(0, CliRunner.run(with(sts, "--json", whole.toString(), "--report", dir.resolve("report").toString())).exit());
        for (String part : List.of("0", "1")) {
            CliRunner.Result run = CliRunner.run(with(sts, "--partial", dir.resolve(part + ".json").toString(), "--part", part + "/2"));
            assertEquals(0, run.exit(), run.err());
        }
        Path merged = dir.resolve("merged.json");
        assertEquals(0, CliRunner.run("merge", "--partials", dir.resolve("1.json").toString(), dir.resolve("0.json").toString(),
                "--out", merged.toString()).exit());
        assertEquals(Json.MAPPER.readTree(whole.toFile()).get("sets"), Json.MAPPER.readTree(merged.toFile()).get("sets"));
    }

    @Test
    void mergedWicPartsWriteTheWholeRunsChoicesAndPredictions(@TempDir Path dir) throws IOException {
        List<String> wic = List.of("eval", "wic", "--model", TINY, "--clip-dims", "5", "--data",
                TestFiles.resource("eval/wic").toString());
        Path whole = dir.resolve("whole.json");
        assertEquals(0, CliRunner.run(with(wic, "--json", whole.toString(), "--report", dir.resolve("report").toString())).exit());
        for (String part : List.of("0", "1", "2")) {
            CliRunner.Result run = CliRunner.run(with(wic, "--partial", dir.resolve(part + ".json").toString(), "--part", part + "/3"));
            assertEquals(0, run.exit(), run.err());
        }
        Path merged = dir.resolve("merged.json");
        assertEquals(0, CliRunner.run("merge", "--partials", dir.resolve("2.json").toString(), dir.resolve("0.json").toString(),
                dir.resolve("1.json").toString(), "--out", merged.toString()).exit());
        JsonNode expected = Json.MAPPER.readTree(whole.toFile());
        JsonNode actual = Json.MAPPER.readTree(merged.toFile());
        assertEquals(expected.get("choices"), actual.get("choices"));
        assertEquals(expected.get("bestThresholdAccuracyPerLayer"), actual.get("bestThresholdAccuracyPerLayer"));
        assertEquals(expected.get("pairs"), actual.get("pairs"));
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aPartWithoutAPartialFileIsAnError(@TempDir Path dir) {
        CliRunner.Result run = CliRunner.run(args(dir, "--part", "0/2"));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--part needs --partial FILE"), run.err());
        run = CliRunner.run(args(dir, "--partial", dir.resolve("p.json").toString(), "--part", "2/2"));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--part takes I/N with 0 <= I < N"), run.err());
    }

    private static List<String> args(Path ptb, String... more) {
        List<String> args = new ArrayList<>(List.of("eval", "trees", "--model", TINY, "--clip-dims", "5", "--data", ptb.toString()));
        args.addAll(List.of(more));
        return args;
    }
}
