package dev.tails.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tails.model.GoldenAssert.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `tails hidden --zero-*` against goldens computed by editing weights (an independent route), on
 * tiny-bert always and on bert-base-cased when it has been fetched.
 */
class InterventionGoldenTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "visible.zero-neurons-1-3,17 | --zero-neurons 1:3,17",
            "visible.zero-head-0-2       | --zero-heads 0:2",
            "visible.zero-dim-5          | --zero-dims E:5 --zero-dims *:5"})
    void tinyBertMatchesWeightEditGoldens(String golden, String options) throws IOException {
        double diff = runAndCompare(TestFiles.resource("models/tiny-bert"),
                TestFiles.resource("golden/tiny-bert/" + golden + ".safetensors"), options.split(" "));
        assertTrue(diff <= 1e-5, golden + ": max |diff| " + diff);
        System.out.println("tiny-bert " + golden + ": max |diff| " + diff);
    }

    @Test
    void bertBaseCasedZeroDim557EveryBlock() throws IOException {
        Path model = TestFiles.fetchedModel("bert-base-cased");
        Path shared = TestFiles.sharedGolden();
        assumeTrue(model != null, "bert-base-cased not fetched (./tails fetch bert-base-cased); skipping");
        assumeTrue(shared != null, "../shared/golden not present; skipping");
        Path golden = shared.resolve("bert-base-cased/visible.zero-dims-all-557.safetensors");
        double diff = runAndCompare(model, golden, "--zero-dims", "*:557");
        assertTrue(diff <= 1e-4, "max |diff| " + diff);
        System.out.println("bert-base-cased zero-dims *:557: max |diff| " + diff);
    }

    @Test
    void outOfRangeFailsBeforeLoadingNamingOptionAndValue() throws IOException {
        String err = runFailing("--zero-neurons", "1:64");
        assertTrue(err.contains("--zero-neurons '1:64'") && err.contains("neuron 64"), err);
        err = runFailing("--zero-heads", "3:0");
        assertTrue(err.contains("--zero-heads '3:0'") && err.contains("blocks 0..2"), err);
        err = runFailing("--zero-dims", "x:1");
        assertTrue(err.contains("--zero-dims 'x:1'") && err.contains("layer 'x'"), err);
        assertFalse(Files.exists(dir.resolve("o.safetensors")));
    }

    private String runFailing(String... options) throws IOException {
        Path input = dir.resolve("t.txt");
        Files.writeString(input, "hello\n");
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("hidden", "--model", TestFiles.resource("models/tiny-bert").toString(),
                "--input", input.toString(), "--out", dir.resolve("o.safetensors").toString()));
        args.addAll(Arrays.asList(options));
        assertEquals(1, cmd.execute(args.toArray(String[]::new)));
        return err.toString();
    }

    /** Runs `tails hidden` with the options over the visible texts; the largest |diff| over every text, state and pooled vector. */
    private double runAndCompare(Path model, Path golden, String... options) throws IOException {
        List<String> texts = List.of(new ObjectMapper().readValue(
                TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
        Path input = dir.resolve("visible.txt");
        Files.write(input, texts);
        Path out = dir.resolve("v.safetensors");
        List<String> args = new ArrayList<>(List.of("hidden", "--model", model.toString(),
                "--input", input.toString(), "--out", out.toString(), "--batch-size", "5"));
        args.addAll(Arrays.asList(options));
        assertEquals(0, Main.commandLine().execute(args.toArray(String[]::new)));
        double worst = 0;
        try (SafetensorsFile written = SafetensorsFile.open(out); SafetensorsFile expected = SafetensorsFile.open(golden)) {
            for (int i = 0; i < texts.size(); i++) {
                String key = "s" + i + ".";
                assertArrayEquals(expected.longs(key + "input_ids"), written.longs(key + "input_ids"), key + "input_ids");
                assertArrayEquals(expected.info(key + "hidden").shape(), written.info(key + "hidden").shape(), key + "shape");
                for (String tensor : List.of("hidden", "pooled")) {
                    if (!expected.contains(key + tensor)) {
                        continue;  // the bert-base-cased intervention golden has hidden states only
                    }
                    worst = Math.max(worst, maxAbsDiff(expected.floats(key + tensor).data(),
                            written.floats(key + tensor).data(), key + tensor));
                }
            }
        }
        return worst;
    }
}
