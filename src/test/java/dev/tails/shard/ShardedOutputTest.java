package dev.tails.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.cli.CliRunner;
import dev.tails.io.NpyReader;
import dev.tails.io.SafetensorsFile;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails hidden|activations --out FOLDER/` on tiny-bert: ragged parts, resume, --shard i/N and merge. */
class ShardedOutputTest {
    private static final String MODEL = TestFiles.resource("models/tiny-bert").toString();

    @Test
    void partsHoldEveryTextsHiddenStatesRaggedAndMatchTheGolden(@TempDir Path dir) throws IOException {
        List<String> texts = List.of(new ObjectMapper().readValue(
                TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
        Path input = Files.write(dir.resolve("in.txt"), texts);
        Path out = dir.resolve("out");
        assertEquals(0, CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(), "--out", out + "/",
                "--shard-texts", "5", "--batch-size", "3").exit());

        OutputIndex index = OutputIndex.read(out.resolve("index.json"));
        assertEquals(List.of(0L, 5L, 10L), index.parts().stream().map(OutputIndex.Part::firstText).toList());
        assertEquals(List.of(5, 5, 2), index.parts().stream().map(OutputIndex.Part::texts).toList());
        try (SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/tiny-bert/visible.safetensors"))) {
            for (OutputIndex.Part part : index.parts()) {
                List<String> tokenLines = Files.readAllLines(out.resolve(part.tokensFile()));
                try (SafetensorsFile shard = SafetensorsFile.open(out.resolve(part.file()))) {
                    long[] offsets = shard.longs("offsets");
                    long[] ids = shard.longs("input_ids");
                    float[] hidden = shard.floats("hidden").data();
                    int[] shape = shard.info("hidden").shape();
                    assertEquals(List.of((int) offsets[part.texts()], 4, 32), List.of(shape[0], shape[1], shape[2]));
                    assertEquals(part.texts(), shard.info("pooled").shape()[0]);
                    for (int i = 0; i < part.texts(); i++) {
                        int text = (int) part.firstText() + i;
                        long[] expectedIds = golden.longs("s" + text + ".input_ids");
                        int from = (int) offsets[i];
                        int tokens = (int) (offsets[i + 1] - from);
                        assertArrayEquals(expectedIds, java.util.Arrays.copyOfRange(ids, from, from + tokens), "ids of text " + text);
                        JsonNode line = new ObjectMapper().readTree(tokenLines.get(i));
                        assertEquals(texts.get(text), line.get("text").asText());
                        assertEquals(tokens, line.get("tokens").size());
                        float[] expected = golden.floats("s" + text + ".hidden").data(); // [states, T, H]
                        for (int s = 0; s < 4; s++) {
                            for (int t = 0; t < tokens; t++) {
                                for (int d = 0; d < 32; d++) {
                                    float want = expected[(s * tokens + t) * 32 + d];
                                    float got = hidden[((from + t) * 4 + s) * 32 + d];
                                    assertTrue(Math.abs(want - got) <= 1e-5f, "text " + text + " state " + s + " token " + t);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void npzPartsHoldTheSameArraysAsSafetensorsParts(@TempDir Path dir) throws IOException {
        List<String> texts = List.of(new ObjectMapper().readValue(
                TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
        Path input = Files.write(dir.resolve("in.txt"), texts);
        Path safetensors = dir.resolve("st");
        Path npz = dir.resolve("npz");
        for (Path out : List.of(safetensors, npz)) {
            assertEquals(0, CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(), "--out", out + "/",
                    "--shard-texts", "5", "--shard-format", out == npz ? "npz" : "safetensors").exit());
        }
        OutputIndex index = OutputIndex.read(npz.resolve("index.json"));
        assertEquals(List.of("part-00000.npz", "part-00001.npz", "part-00002.npz"),
                index.parts().stream().map(OutputIndex.Part::file).toList());
        for (int p = 0; p < 3; p++) {
            Map<String, byte[]> entries = new TreeMap<>();
            try (ZipFile zip = new ZipFile(npz.resolve(index.parts().get(p).file()).toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                }
            }
            assertEquals(List.of("hidden.npy", "input_ids.npy", "offsets.npy", "pooled.npy"), List.copyOf(entries.keySet()));
            try (SafetensorsFile part = SafetensorsFile.open(safetensors.resolve("part-0000" + p + ".safetensors"))) {
                assertArrayEquals(part.longs("offsets"), NpyReader.readLongs(entries.get("offsets.npy")));
                assertArrayEquals(part.longs("input_ids"), NpyReader.readLongs(entries.get("input_ids.npy")));
                for (String name : List.of("hidden", "pooled")) {
                    FloatTensor fromNpz = NpyReader.read(entries.get(name + ".npy"));
                    assertArrayEquals(part.info(name).shape(), fromNpz.shape(), name);
                    assertArrayEquals(part.floats(name).data(), fromNpz.data(), name);
                }
            }
        }
        assertEquals(2, CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(),
                "--out", dir.resolve("bad") + "/", "--shard-format", "parquet").exit());
    }

    @Test
    void aRunKilledMidwayAndResumedEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path input = Files.write(dir.resolve("in.txt"), corpus(240));
        Path clean = dir.resolve("clean");
        List<String> args = List.of("activations", "--model", MODEL, "--hooks", "blocks.*.mlp.hook_post,hook_full_embed",
                "--zero-heads", "1:2", "--input", input.toString(), "--shard-texts", "12", "--batch-size", "7");
        assertEquals(0, CliRunner.run(with(args, "--out", clean + "/")).exit());
        Map<String, byte[]> expected = files(clean);
        assertEquals(1 + 2 * 20, expected.size(), expected.keySet().toString());

        for (int killAfterParts : new int[] {0, 2, 13}) {
            Path killed = dir.resolve("killed-" + killAfterParts);
            Process p = CliRunner.start(with(args, "--out", killed + "/"), dir.resolve("killed.err"));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (partsListed(killed) < killAfterParts && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally
            CliRunner.Result resumed = CliRunner.run(with(args, "--out", killed + "/", "--resume"));
            assertEquals(0, resumed.exit(), resumed.err());
            Map<String, byte[]> actual = files(killed);
            assertEquals(expected.keySet(), actual.keySet(), "killed after " + killAfterParts + " parts");
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), actual.get(name), name + " (killed after " + killAfterParts + " parts)");
            }
        }
    }

    @Test
    void fiftyThousandTextsRunInA256MegabyteHeap(@TempDir Path dir) throws Exception {
        // All hidden states of 50k texts are ~400 MB: they fit only if parts are written and dropped as they fill.
        Path input = Files.write(dir.resolve("in.txt"), corpus(50_000));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err.txt");
        Process p = CliRunner.start(List.of("hidden", "--model", MODEL, "--input", input.toString(), "--out", out.toString(),
                "--shard-texts", "2000", "--batch-size", "64"), err, "-Xmx256m");
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "still running after 5 minutes");
        assertEquals(0, p.exitValue(), Files.readString(err));
        OutputIndex index = OutputIndex.read(out.resolve("index.json"));
        assertEquals(25, index.parts().size());
        assertEquals(50_000, index.parts().stream().mapToInt(OutputIndex.Part::texts).sum());
    }

    @Test
    void aPartTooLargeForTheHeapIsRefusedBeforeItRuns(@TempDir Path dir) throws Exception {
        // 20,000 texts in one part keep ~150 MB of states: more than a 64 MB heap, which still holds tiny-bert
        Path input = Files.write(dir.resolve("in.txt"), corpus(20_000));
        String message = refusedInA64MegabyteHeap(List.of("hidden", "--model", MODEL, "--input", input.toString(), "--out",
                dir.resolve("out").toString(), "--shard-texts", "20000"), dir.resolve("err.txt"));
        assertTrue(message.contains("part 0 (20,000 texts") && message.contains("fewer texts per shard")
                && !message.contains("OutOfMemoryError"), message);
    }

    @Test
    void aSingleFileTooLargeForTheHeapIsRefusedBeforeItRunsAndPointsToAFolder(@TempDir Path dir) throws Exception {
        Path input = Files.write(dir.resolve("in.txt"), corpus(20_000));
        for (String command : List.of("hidden", "activations")) {
            Path err = dir.resolve(command + ".err");
            List<String> args = new ArrayList<>(List.of(command, "--model", MODEL, "--input", input.toString(), "--out",
                    dir.resolve("one.safetensors").toString()));
            if (command.equals("activations")) {
                args.addAll(List.of("--hooks", "blocks.*.mlp.hook_post"));
            }
            String message = refusedInA64MegabyteHeap(args, err);
            assertTrue(message.contains("20,000 texts, kept until the file is written") && message.contains("--out folder")
                    && !message.contains("OutOfMemoryError"), message);
        }
    }

    @Test
    void twoMachinesSplitTheCorpusAndMergeIntoTheWholeRun(@TempDir Path dir) throws IOException {
        Path input = Files.write(dir.resolve("in.txt"), corpus(50));
        List<String> args = List.of("hidden", "--model", MODEL, "--input", input.toString(), "--shard-texts", "8");
        assertEquals(0, CliRunner.run(with(args, "--out", dir.resolve("whole") + "/")).exit());
        assertEquals(0, CliRunner.run(with(args, "--out", dir.resolve("m0") + "/", "--shard", "0/2")).exit());
        assertEquals(0, CliRunner.run(with(args, "--out", dir.resolve("m1") + "/", "--shard", "1/2")).exit());
        assertEquals(0, CliRunner.run("merge", dir.resolve("m0").toString(), dir.resolve("m1").toString(),
                "--out", dir.resolve("merged").toString()).exit());

        OutputIndex whole = OutputIndex.read(dir.resolve("whole/index.json"));
        OutputIndex merged = OutputIndex.read(dir.resolve("merged/index.json"));
        assertEquals(List.of(0L, 2L, 4L, 6L), OutputIndex.read(dir.resolve("m0/index.json")).parts().stream()
                .map(OutputIndex.Part::block).toList());
        assertEquals(whole.parts().size(), merged.parts().size());
        assertEquals(List.of(50L, 50L), List.of(whole.corpusTexts(), merged.corpusTexts())); // both shards finished
        for (int i = 0; i < whole.parts().size(); i++) {
            OutputIndex.Part w = whole.parts().get(i);
            OutputIndex.Part m = merged.parts().get(i);
            assertEquals(List.of(w.block(), w.firstText(), (long) w.texts(), w.tokens()),
                    List.of(m.block(), m.firstText(), (long) m.texts(), m.tokens()));
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(w.file())),
                    Files.readAllBytes(dir.resolve("merged").resolve(m.file())), m.file());
        }
    }

    @Test
    void aFolderWithShardsIsNotOverwrittenAndResumeRefusesAnotherJob(@TempDir Path dir) throws IOException {
        Path input = Files.write(dir.resolve("in.txt"), corpus(10));
        String out = dir.resolve("out") + "/";
        assertEquals(0, CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(), "--out", out).exit());
        CliRunner.Result again = CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(), "--out", out);
        assertNotEquals(0, again.exit());
        assertTrue(again.err().contains("already holds shards"), again.err());
        CliRunner.Result other = CliRunner.run("hidden", "--model", MODEL, "--input", input.toString(), "--out", out,
                "--resume", "--zero-dims", "*:3");
        assertNotEquals(0, other.exit());
        assertTrue(other.err().contains("made by another job"), other.err());
    }

    @Test
    void attentionMapsAreRefusedWithShardsNamingTheHook(@TempDir Path dir) throws IOException {
        Path input = Files.write(dir.resolve("in.txt"), corpus(3));
        CliRunner.Result r = CliRunner.run("activations", "--model", MODEL, "--hooks", "blocks.1.attn.hook_pattern",
                "--input", input.toString(), "--out", dir.resolve("o") + "/");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("blocks.1.attn.hook_pattern") && r.err().contains("single"), r.err());
    }

    /** Runs the CLI in a JVM with a 64 MB heap, which must exit 1 (refused, not crashed); returns its stderr. */
    private static String refusedInA64MegabyteHeap(List<String> args, Path err) throws Exception {
        Process p = CliRunner.start(args, err, "-Xmx64m");
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "still running after 2 minutes");
        String message = Files.readString(err);
        assertEquals(1, p.exitValue(), message);
        return message;
    }

    static List<String> corpus(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("text " + i + " says" + " something".repeat(i % 7) + " about number " + (i * 7919 % 1000) + ".");
        }
        return texts;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static int partsListed(Path dir) {
        try {
            return Files.exists(dir.resolve("index.json")) ? OutputIndex.read(dir.resolve("index.json")).parts().size() : 0;
        } catch (RuntimeException e) {
            return 0; // a half-written index cannot be seen (it is renamed into place), but the folder may be new
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                all.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return all;
    }
}
