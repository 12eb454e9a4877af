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
