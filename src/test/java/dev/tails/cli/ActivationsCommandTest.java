package dev.tails.cli;

import dev.tails.TestFiles;
import dev.tails.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails activations` end to end on tiny-bert. */
class ActivationsCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String hooks, String out) throws IOException {
        Path input = dir.resolve("t.txt");
        Files.write(input, java.util.List.of("hello world", "a"));
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        return cmd.execute("activations", "--model", TestFiles.resource("models/tiny-bert").toString(),
                "--hooks", hooks, "--input", input.toString(), "--out", dir.resolve(out).toString(), "--batch-size", "1");
    }

    @Test
    void writesEveryMatchedPointPerText() throws IOException {
        assertEquals(0, run(new StringWriter(), "blocks.*.mlp.hook_post,blocks.1.attn.hook_pattern", "a.safetensors"));
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("a.safetensors"))) {
            assertEquals(2 * 4, file.names().size());
            assertArrayEquals(new int[] {4, 64}, file.info("s0.blocks.2.mlp.hook_post").shape());  // [CLS] hello world [SEP]
            assertArrayEquals(new int[] {4, 3, 3}, file.info("s1.blocks.1.attn.hook_pattern").shape());
        }
        assertEquals(0, run(new StringWriter(), "hook_full_embed", "a.npz"));
        assertTrue(Files.size(dir.resolve("a.npz")) > 0);
    }

    @Test
    void unknownHookFailsWithCloseNamesBeforeWriting() throws IOException {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "blocks.0.mlp.hook_pst", "a.npz"));
        assertTrue(err.toString().contains("blocks.0.mlp.hook_post"), err.toString());
        assertEquals(2, run(err, "hook_full_embed", "a.txt")); // a usage error, before the model loads
        assertTrue(err.toString().contains(".safetensors, .npz or .npy"), err.toString());
        assertFalse(Files.exists(dir.resolve("a.npz")));
    }
}
