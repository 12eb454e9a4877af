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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails attribute` on tiny-bert: the JSON fields of DESIGN.md §6 and range errors before any work. */
class AttributeCommandTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();

    @Test
    void writesTheContractFields(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("c.txt");
        Files.write(corpus, List.of("The bank raised its rates.", "Hi"));
        Path json = dir.resolve("a.json");
        int exit = Main.commandLine().execute("attribute", "--model", TINY, "--layer", "2", "--dim", "5",
                "--corpus", corpus.toString(), "--top", "3", "--json", json.toString());
        assertEquals(0, exit);
        JsonNode node = Json.MAPPER.readTree(json.toFile());
        assertEquals(List.of("layer", "dim", "tokens", "value", "neurons", "heads"), fieldNames(node));
        assertEquals(2, node.get("layer").asInt());
        assertEquals(5, node.get("dim").asInt());
        assertEquals(8 + 3, node.get("tokens").asInt(), "[CLS] the bank raised its rates . [SEP] + [CLS] hi [SEP]");
        assertEquals(3, node.get("neurons").size());
        assertEquals(3, node.get("heads").size());
        double previous = Double.MAX_VALUE;
        for (JsonNode unit : node.get("neurons")) {
            assertEquals(List.of("index", "mean"), fieldNames(unit));
            assertTrue(Math.abs(unit.get("mean").asDouble()) <= previous, "sorted by |mean| descending");
            previous = Math.abs(unit.get("mean").asDouble());
        }
    }

    /** Partials of two halves, merged by `tails merge --partials`, give the JSON of one run over both (sums within 1e-6). */
    @Test
    void mergedPartialsOfTwoHalvesWriteTheWholeRunsJson(@TempDir Path dir) throws IOException {
        List<String> first = List.of("The bank raised its rates.", "Hi");
        List<String> second = List.of("A river bank in spring", "She sat on the bank of the river.");
        Path whole = attribute(dir, "whole", java.util.stream.Stream.concat(first.stream(), second.stream()).toList(), null);
        Path a = dir.resolve("a.partial.json");
        Path b = dir.resolve("b.partial.json");
        attribute(dir, "a", first, a);
        attribute(dir, "b", second, b);
        Path merged = dir.resolve("merged.json");
        CliRunner.Result result = CliRunner.run("merge", "--partials", a.toString(), b.toString(), "--out", merged.toString());
        assertEquals(0, result.exit(), result.err());
        JsonNode expected = Json.MAPPER.readTree(whole.toFile());
        JsonNode actual = Json.MAPPER.readTree(merged.toFile());
        assertEquals(fieldNames(expected), fieldNames(actual));
        assertEquals(expected.get("tokens").asLong(), actual.get("tokens").asLong(), "a count: exact");
        assertEquals(expected.get("value").asDouble(), actual.get("value").asDouble(), 1e-6);
        for (String units : List.of("neurons", "heads")) {
            for (int i = 0; i < expected.get(units).size(); i++) {
                JsonNode e = expected.get(units).get(i);
                JsonNode m = actual.get(units).get(i);
                assertEquals(e.get("index").asInt(), m.get("index").asInt(), units + " " + i);
                assertEquals(e.get("mean").asDouble(), m.get("mean").asDouble(), 1e-6, units + " " + i);
            }
        }
    }

    @Test
    void mergeRefusesPartialsOfOtherSettingsAndMixedInputs(@TempDir Path dir) throws IOException {
        Path dim5 = dir.resolve("dim5.json");
        Path dim6 = dir.resolve("dim6.json");
        Path corpus = dir.resolve("c.txt");
        Files.write(corpus, List.of("Hi"));
        for (var run : List.of(List.of("5", dim5.toString()), List.of("6", dim6.toString()))) {
            assertEquals(0, CliRunner.run("attribute", "--model", TINY, "--layer", "1", "--dim", run.get(0),
                    "--corpus", corpus.toString(), "--partial", run.get(1)).exit());
        }
        CliRunner.Result mismatch = CliRunner.run("merge", "--partials", dim5.toString(), dim6.toString(), "--out",
                dir.resolve("m.json").toString());
        assertEquals(1, mismatch.exit());
        assertTrue(mismatch.err().contains("dim '5' vs '6'"), mismatch.err());
        assertTrue(mismatch.err().contains(dim6.toString()), "names the file: " + mismatch.err());
        CliRunner.Result both = CliRunner.run("merge", dir.toString(), "--partials", dim5.toString(), "--out", "x");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());
        assertEquals(2, CliRunner.run("merge", "--out", "x").exit());
    }

    private static Path attribute(Path dir, String name, List<String> texts, Path partial) throws IOException {
        Path corpus = dir.resolve(name + ".txt");
        Files.write(corpus, texts);
        Path json = dir.resolve(name + ".json");
        List<String> args = new java.util.ArrayList<>(List.of("attribute", "--model", TINY, "--layer", "2", "--dim", "5",
                "--corpus", corpus.toString(), "--top", "5", "--json", json.toString()));
        if (partial != null) {
            args.addAll(List.of("--partial", partial.toString()));
        }
        CliRunner.Result result = CliRunner.run(args);
        assertEquals(0, result.exit(), result.err());
        return json;
    }

    @Test
    void outOfRangeLayerAndDimAreErrorsBeforeReadingTheCorpus(@TempDir Path dir) {
        String missingCorpus = dir.resolve("never-read.txt").toString();
        assertError(List.of("--layer", "3", "--dim", "0", "--corpus", missingCorpus), "block 3 is out of range: the model has 3 blocks");
        assertError(List.of("--layer", "0", "--dim", "32", "--corpus", missingCorpus), "dim 32 is out of range");
        assertError(List.of("--layer", "-1", "--dim", "0", "--corpus", missingCorpus), "block -1 is out of range");
        assertError(List.of("--layer", "0", "--dim", "0", "--top", "0", "--corpus", missingCorpus), "top units to keep must be at least 1, got 0");
    }

    private static void assertError(List<String> options, String expected) {
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        var args = new java.util.ArrayList<>(List.of("attribute", "--model", TINY));
        args.addAll(options);
        assertEquals(1, cmd.execute(args.toArray(String[]::new)));
        assertTrue(err.toString().contains(expected), err.toString());
        assertFalse(err.toString().contains("never-read"), "range checked before the corpus is read: " + err);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
