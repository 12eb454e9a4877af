package dev.tails.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails hidden` end to end on tiny-bert: the file it writes against the PyTorch golden states. */
class HiddenCommandTest {

    @Test
    void writesGoldenHiddenStates(@TempDir Path dir) throws IOException {
        List<String> texts = List.of(new ObjectMapper().readValue(
                TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
        Path input = dir.resolve("visible.txt");
        Files.write(input, texts);
        Path out = dir.resolve("v.safetensors");
        int exit = Main.commandLine().execute("hidden", "--model", TestFiles.resource("models/tiny-bert").toString(),
                "--input", input.toString(), "--out", out.toString(), "--batch-size", "5");
        assertEquals(0, exit);
        try (SafetensorsFile written = SafetensorsFile.open(out);
             SafetensorsFile golden = SafetensorsFile.open(TestFiles.resource("golden/tiny-bert/visible.safetensors"))) {
            for (int i = 0; i < texts.size(); i++) {
                String key = "s" + i + ".";
                assertArrayEquals(golden.longs(key + "input_ids"), written.longs(key + "input_ids"), key + "input_ids");
                assertArrayEquals(golden.info(key + "hidden").shape(), written.info(key + "hidden").shape(), key + "shape");
                float[] expected = golden.floats(key + "hidden").data();
                float[] actual = written.floats(key + "hidden").data();
                for (int j = 0; j < expected.length; j++) {
                    assertTrue(Math.abs(expected[j] - actual[j]) <= 1e-5, key + "hidden[" + j + "]");
                }
            }
        }
    }

    @Test
    void missingModelIsAnErrorNamingThePathAndFetch(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("t.txt");
        Files.writeString(input, "hello\n");
        var err = new java.io.StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new java.io.PrintWriter(err));
        int exit = cmd.execute("hidden", "--model", dir.resolve("nope").toString(), "--input", input.toString(),
                "--out", dir.resolve("o.safetensors").toString());
        assertEquals(1, exit);
        assertTrue(err.toString().contains("nope") && err.toString().contains("tails fetch"), err.toString());
    }
}
