package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every command shares: --quiet, progress with rates, "-" for standard input and output, --input as the one name. */
class CliHabitsTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();

    /** Exit code, and what went to stdout and to stderr (System's and picocli's writers alike). */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            var cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(picocliErr, true));
            exit = cmd.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8) + picocliErr);
    }

    private static Path texts(Path dir) throws IOException {
        return Files.write(dir.resolve("t.txt"), List.of("The bank raised its rates.", "Hi", "A third text."));
    }

    @Test
    void progressOverACorpusShowsRatesAndQuietSilencesIt(@TempDir Path dir) throws IOException {
        Path input = texts(dir);
        Run loud = run("", "hidden", "--model", TINY, "--input", input.toString(), "--out",
                dir.resolve("a.safetensors").toString(), "--batch-size", "1");
        assertEquals(0, loud.exit(), loud.err());
        // Piped (surefire): one line per 10% reached; 3 texts of batch 1 reach 33%, 66%, 100%.
        assertTrue(loud.err().contains("tails:   30%") && loud.err().contains("tails:   100%"), loud.err());
        assertTrue(loud.err().contains(" texts/s, ") && loud.err().contains(" tokens/s"), loud.err());
        assertTrue(loud.err().contains("tails: wrote 3 texts to "), loud.err());

        for (List<String> quiet : List.of(List.of("--quiet", "hidden"), List.of("hidden", "-q"))) {
            var args = new java.util.ArrayList<>(quiet);
            args.addAll(List.of("--model", TINY, "--input", input.toString(), "--out", dir.resolve("b.safetensors").toString()));
            Run silent = run("", args.toArray(String[]::new));
            assertEquals(0, silent.exit(), silent.err());
            assertEquals("", silent.err(), String.join(" ", quiet));
        }
    }

    @Test
    void quietStillPrintsErrors(@TempDir Path dir) throws IOException {
        Run r = run("", "--quiet", "hidden", "--model", dir.resolve("nope").toString(), "--input", texts(dir).toString(),
                "--out", dir.resolve("o.safetensors").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("tails: ") && r.err().contains("nope"), r.err());
    }

    @Test
    void tokenizeReadsStandardInput(@TempDir Path dir) throws IOException {
        Path file = texts(dir);
        Run fromFile = run("", "tokenize", "--model", TINY, "--input", file.toString());
        Run fromStdin = run(Files.readString(file), "tokenize", "--model", TINY, "--input", "-");
        assertEquals(0, fromStdin.exit(), fromStdin.err());
        assertEquals(3, fromStdin.out().lines().count());
        assertEquals(fromFile.out(), fromStdin.out());
    }

    @Test
    void hiddenReadsStandardInput(@TempDir Path dir) throws IOException {
        Path file = texts(dir);
        Path out = dir.resolve("h.npz");
        Run r = run(Files.readString(file), "hidden", "--model", TINY, "--input", "-", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(9, HiddenNpzTest.entries(out).size(), "input_ids, hidden and pooled for each of the 3 stdin lines");
    }

    @Test
    void attributeTakesInputAsWellAsItsOldNameCorpusAndWritesJsonToStandardOutput(@TempDir Path dir) throws IOException {
        Path file = texts(dir);
        Path json = dir.resolve("a.json");
        Run old = run("", "attribute", "--model", TINY, "--layer", "1", "--dim", "3", "--corpus", file.toString(),
                "--json", json.toString());
        assertEquals(0, old.exit(), old.err());
        Run dash = run("", "attribute", "--model", TINY, "--layer", "1", "--dim", "3", "--input", file.toString(),
                "--json", "-");
        assertEquals(0, dash.exit(), dash.err());
        JsonNode expected = Json.MAPPER.readTree(json.toFile());
        assertEquals(expected, new ObjectMapper().readTree(dash.out()), "stdout holds the JSON and nothing else");
        assertTrue(dash.out().endsWith("\n"));
        assertFalse(old.out().isEmpty(), "the table goes to stdout when the JSON goes to a file");
        assertTrue(dash.err().contains("neuron"), "and to stderr when stdout carries the JSON: " + dash.err());
    }

    @Test
    void evalWritesItsJsonOrPredictionsToStandardOutput(@TempDir Path dir) throws IOException {
        String wic = TestFiles.resource("eval/wic").toString();
        Run json = run("", "eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", wic, "--json", "-",
                "--report", dir.resolve("r1").toString());
        assertEquals(0, json.exit(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("wic", root.get("task").asText(), "stdout holds the results JSON and nothing else");
        assertEquals(root, Json.MAPPER.readTree(dir.resolve("r1/eval/wic.json").toFile()), "the same as the report's copy");
        assertTrue(json.err().contains("report: "), "the table and report line go to stderr: " + json.err());

        Run predictions = run("", "eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", wic, "--predictions", "-",
                "--report", dir.resolve("r2").toString());
        assertEquals(0, predictions.exit(), predictions.err());
        // Only the predictions on stdout, one T/F line for each of the 6 dev pairs; the table on stderr.
        assertEquals(6, predictions.out().lines().filter(l -> l.equals("T") || l.equals("F")).count(), predictions.out());
        assertEquals(6, predictions.out().lines().count(), predictions.out());
        assertTrue(predictions.err().contains("report: "), predictions.err());

        assertUsageError(run("", "eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", wic, "--predictions", "-",
                "--json", "-"), "only one output can go to standard output");
    }

    @Test
    void helpNamesInputFirst() {
        for (String command : List.of("attribute", "analyze", "hidden", "activations", "tokenize")) {
            StringWriter help = new StringWriter();
            var cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(help, true));
            assertEquals(0, cmd.execute(command, "--help"));
            assertTrue(help.toString().contains("--input"), command + ": " + help);
            int corpus = help.toString().indexOf("--corpus");
            assertTrue(corpus < 0 || help.toString().indexOf("--input") < corpus, command + ": " + help);
        }
    }

    @Test
    void folderAndBinaryOutputsRefuseStandardOutputNamingTheOption(@TempDir Path dir) throws IOException {
        String input = texts(dir).toString();
        assertUsageError(run("", "hidden", "--model", TINY, "--input", input, "--out", "-"), "--out -");
        assertUsageError(run("", "activations", "--model", TINY, "--hooks", "hook_embed", "--input", input, "--out", "-"), "--out -");
        assertUsageError(run("", "analyze", "--model", TINY, "--input", input, "--out", "-"), "--out -");
        assertUsageError(run("", "eval", "wic", "--model", TINY, "--clip-dims", "5", "--data", dir.toString(), "--report", "-"),
                "--report -");
    }

    @Test
    void unknownFileExtensionsAreUsageErrorsNamingTheSupportedOnes(@TempDir Path dir) throws IOException {
        String input = texts(dir).toString();
        Run hidden = run("", "hidden", "--model", TINY, "--input", input, "--out", dir.resolve("h.bin").toString());
        assertUsageError(hidden, ".safetensors");
        assertTrue(hidden.err().contains(".npz"), hidden.err());
        Run activations = run("", "activations", "--model", TINY, "--hooks", "hook_embed", "--input", input,
                "--out", dir.resolve("a.csv").toString());
        assertUsageError(activations, "--out ");
        assertTrue(activations.err().contains(".npz") && activations.err().contains(".npy"), activations.err());
    }

    private static void assertUsageError(Run r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
