package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.TinySentenceModel;
import dev.tails.hook.HookRegistry;
import dev.tails.hook.Interventions;
import dev.tails.io.NpyReader;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsFile;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;
import dev.tails.shard.OutputIndex;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tails embed` on tiny-bert (and tiny-bert as a sentence-transformers folder): every output form holds
 * the library's vectors (Model.embed, itself checked against hand pooling in ModelEmbedTest), in input order.
 */
class EmbedCommandTest {
    private static final List<String> TEXTS = List.of("a much longer text than the others, with many words in it",
            "short", "Hello world, café 😀", "two words", "x", "the bank raised its rates", "one more line");
    private static final Path TINY = TestFiles.resource("models/tiny-bert");

    private final CliRunner.Session cli = new CliRunner.Session();

    private static Path input(Path dir) throws IOException {
        return Files.write(dir.resolve("texts.txt"), TEXTS);
    }

    private static float[][] jsonl(String content) throws IOException {
        String[] lines = content.strip().split("\n");
        assertEquals(TEXTS.size(), lines.length, content);
        float[][] vectors = new float[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = Json.MAPPER.readTree(lines[i]);
            assertEquals(TEXTS.get(i), line.get("text").asText(), "line " + i + " is text " + i);
            JsonNode values = line.get("embedding");
            vectors[i] = new float[values.size()];
            for (int d = 0; d < values.size(); d++) {
                vectors[i][d] = values.get(d).floatValue();
            }
        }
        return vectors;
    }

    private static void assertVectors(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "text " + i);
        }
    }

    @Test
    void jsonlNpyAndStandardOutputHoldTheLibrarysVectorsInInputOrder(@TempDir Path dir) throws IOException {
        Model model = Model.load(TINY);
        float[][] expected = model.embed(TEXTS, SentenceConfig.meanOf(model.config()), 3, ForwardHooks.NONE);
        Path jsonl = dir.resolve("e.jsonl");
        assertEquals(0, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                jsonl.toString(), "--batch-size", "3"), cli.err());
        assertVectors(expected, jsonl(Files.readString(jsonl)));

        Path npy = dir.resolve("e.npy");
        assertEquals(0, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                npy.toString(), "--batch-size", "3"), cli.err());
        FloatTensor array = NpyReader.read(Files.readAllBytes(npy));
        int hidden = model.config().hiddenSize();
        assertArrayEquals(new int[] {TEXTS.size(), hidden}, array.shape());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(expected[i], Arrays.copyOfRange(array.data(), i * hidden, (i + 1) * hidden), "row " + i);
        }

        assertEquals(0, cli.run(String.join("\n", TEXTS) + "\n", "embed", "--model", TINY.toString(), "--input", "-",
                "--out", "-", "--batch-size", "3"), cli.err());
        assertEquals(Files.readString(jsonl), cli.out(), "- writes the same JSON lines to standard output");
        assertFalse(Files.list(dir).anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left");
    }

    @Test
    void poolingAndNormalizationDefaultToTheSentenceTransformersFiles(@TempDir Path dir) throws IOException {
        Path folder = TinySentenceModel.write(dir, new SentenceConfig(Pooling.CLS, true, 6, 32));
        Model model = Model.load(folder);
        Path own = dir.resolve("own.jsonl");
        assertEquals(0, cli.run("", "embed", "--model", folder.toString(), "--input", input(dir).toString(), "--out",
                own.toString()), cli.err());
        float[][] vectors = jsonl(Files.readString(own));
        assertVectors(model.embed(TEXTS, model.sentenceConfig(), 16, ForwardHooks.NONE), vectors);
        for (float[] v : vectors) {
            assertEquals(1.0, norm(v), 1e-5, "modules.json lists Normalize");
        }
        Path chosen = dir.resolve("chosen.jsonl");
        assertEquals(0, cli.run("", "embed", "--model", folder.toString(), "--input", input(dir).toString(), "--out",
                chosen.toString(), "--pooling", "max", "--no-normalize"), cli.err());
        float[][] max = jsonl(Files.readString(chosen));
        assertVectors(model.embed(TEXTS, model.sentenceConfig().with(Pooling.MAX, false), 16, ForwardHooks.NONE), max);
        assertTrue(Math.abs(norm(max[0]) - 1) > 1e-3, "--no-normalize: |v| = " + norm(max[0]));
    }

    @Test
    void zeroDimsChangesTheVectorsAsTheLibraryCallWithTheSameIntervention(@TempDir Path dir) throws IOException {
        Model model = Model.load(TINY);
        Path plain = dir.resolve("plain.jsonl");
        Path zeroed = dir.resolve("zeroed.jsonl");
        assertEquals(0, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                plain.toString()), cli.err());
        assertEquals(0, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                zeroed.toString(), "--zero-dims", "*:3"), cli.err());
        float[][] without = jsonl(Files.readString(plain));
        float[][] with = jsonl(Files.readString(zeroed));
        HookRegistry zero = new HookRegistry(model.config()).add("blocks.*.hook_normalized_resid_post", Interventions.zeroDims(3));
        assertVectors(model.embed(TEXTS, SentenceConfig.meanOf(model.config()), 16, zero), with);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertFalse(Arrays.equals(without[i], with[i]), "text " + i);
            // Mean pooling of vectors whose dim 3 is zero at the last block's output: zero.
            assertEquals(0f, with[i][3], "text " + i);
        }
    }

    @Test
    void aFolderGetsPartsOfStackedEmbeddingsAndResumes(@TempDir Path dir) throws IOException {
        Model model = Model.load(TINY);
        float[][] expected = model.embed(TEXTS, SentenceConfig.meanOf(model.config()), 2, ForwardHooks.NONE);
        Path shards = dir.resolve("shards");
        String[] args = {"embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                shards.toString(), "--shard-texts", "3", "--batch-size", "2"};
        assertEquals(0, cli.run("", args), cli.err());
        OutputIndex index = OutputIndex.read(shards.resolve(OutputIndex.FILE));
        assertEquals("embed", index.job());
        assertEquals(List.of(3, 3, 1), index.parts().stream().map(OutputIndex.Part::texts).toList());
        int hidden = model.config().hiddenSize();
        for (OutputIndex.Part part : index.parts()) {
            try (SafetensorsFile file = SafetensorsFile.open(shards.resolve(part.file()))) {
                FloatTensor embedding = file.floats("embedding");
                assertArrayEquals(new int[] {part.texts(), hidden}, embedding.shape());
                long[] offsets = file.longs("offsets");
                for (int i = 0; i < part.texts(); i++) {
                    int text = (int) part.firstText() + i;
                    assertArrayEquals(expected[text], Arrays.copyOfRange(embedding.data(), i * hidden, (i + 1) * hidden),
                            "text " + text);
                    assertEquals(model.tokenizer().encode(TEXTS.get(text)).length(), offsets[i + 1] - offsets[i]);
                }
            }
        }
        assertEquals(1, cli.run("", args), "a folder with shards needs --resume");
        String[] resume = Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        assertEquals(0, cli.run("", resume), cli.err());
        assertEquals(index, OutputIndex.read(shards.resolve(OutputIndex.FILE)));
    }

    @Test
    void badOptionsExitWithTwoNamingThem(@TempDir Path dir) throws IOException {
        assertEquals(2, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out",
                dir.resolve("e.txt").toString()));
        assertTrue(cli.err().contains(".jsonl, .npy"), cli.err());
        assertEquals(2, cli.run("", "embed", "--model", TINY.toString(), "--input", input(dir).toString(), "--out", "-",
                "--pooling", "sum"));
        assertTrue(cli.err().contains("--pooling takes mean, cls or max; got 'sum'"), cli.err());
        assertFalse(Files.exists(dir.resolve("e.txt")));
    }

    @Test
    void aRunThatFailsLeavesNoFileThatLooksWhole(@TempDir Path dir) throws IOException {
        // The first 1,024 texts are embedded and written before line 1,101 turns out empty.
        List<String> lines = new java.util.ArrayList<>(java.util.Collections.nCopies(1100, "a text"));
        lines.add("");
        lines.add("after the gap");
        Path input = Files.write(dir.resolve("gap.txt"), lines);
        for (String name : List.of("e.npy", "e.jsonl")) {
            assertEquals(1, cli.run("", "embed", "--model", TINY.toString(), "--input", input.toString(), "--out",
                    dir.resolve(name).toString(), "--batch-size", "64"));
            assertTrue(cli.err().contains("line 1101: empty text"), cli.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("gap.txt"), files.map(f -> f.getFileName().toString()).toList(), "no output, no temp file");
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
