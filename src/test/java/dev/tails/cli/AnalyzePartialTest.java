package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.corpus.Corpus;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `analyze --partial` on two halves, merged, writes the "tails" group of summary.json of one analyze over the whole. */
class AnalyzePartialTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();

    @Test
    void mergedHalvesWriteTheWholeStudysTails(@TempDir Path dir) throws IOException {
        List<String> texts = Corpus.embedded().subList(0, 24);
        Path whole = corpus(dir, "whole", texts);
        CliRunner.Result study = CliRunner.run("analyze", "--model", TINY, "--corpus", whole.toString(), "--no-probes",
                "--out", dir.resolve("report").toString());
        assertEquals(0, study.exit(), study.err());
        for (String half : List.of("a", "b")) {
            Path part = corpus(dir, half, half.equals("a") ? texts.subList(0, 12) : texts.subList(12, 24));
            CliRunner.Result run = CliRunner.run("analyze", "--model", TINY, "--corpus", part.toString(),
                    "--partial", dir.resolve(half + ".partial.json").toString());
            assertEquals(0, run.exit(), run.err());
        }
        Path merged = dir.resolve("tails.json");
        CliRunner.Result merge = CliRunner.run("merge", "--partials", dir.resolve("a.partial.json").toString(),
                dir.resolve("b.partial.json").toString(), "--out", merged.toString());
        assertEquals(0, merge.exit(), merge.err());

        JsonNode expected = Json.MAPPER.readTree(dir.resolve("report/summary.json").toFile()).get("tails");
        JsonNode actual = Json.MAPPER.readTree(merged.toFile());
        for (String exact : List.of("tailDim", "tailShare", "outliers", "clippedDims")) {
            assertEquals(expected.get(exact), actual.get(exact), exact + ": read off counts, equal bit for bit");
        }
        for (int layer = 0; layer < expected.get("layers").size(); layer++) {
            JsonNode e = expected.get("layers").get(layer);
            JsonNode m = actual.get("layers").get(layer);
            assertEquals(e.get("argmin"), m.get("argmin"), "layer " + layer);
            assertEquals(e.get("argmax"), m.get("argmax"), "layer " + layer);
            for (int i = 0; i < e.get("largestMeanAbs").size(); i++) {
                JsonNode unit = e.get("largestMeanAbs").get(i);
                assertEquals(unit.get("index"), m.get("largestMeanAbs").get(i).get("index"), "layer " + layer);
                assertEquals(unit.get("mean").asDouble(), m.get("largestMeanAbs").get(i).get("mean").asDouble(), 1e-6,
                        "layer " + layer + ": a float sum in another order");
            }
        }
    }

    private static Path corpus(Path dir, String name, List<String> texts) throws IOException {
        Path file = dir.resolve(name + ".txt");
        Files.write(file, texts);
        return file;
    }
}
