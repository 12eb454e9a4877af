package dev.tails.cli;

import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `tails hooks` on tiny-bert (3 blocks, H 32, 4 heads of 8, FFN 64): names in forward order with §4 shapes. */
class HooksCommandTest {

    @Test
    void listsEveryHookWithItsShape() {
        List<String> lines = run();
        // 4 embedding-side points + 16 per block x 3 blocks + the masked-LM head's 2
        assertEquals(4 + 16 * 3 + 2, lines.size(), String.join("\n", lines));
        assertEquals(List.of("embed.hook_embed", "[T, 32]"), split(lines.getFirst()));
        assertEquals(List.of("blocks.2.hook_normalized_resid_post", "[T, 32]"), split(lines.get(lines.size() - 3)));
        assertEquals(List.of("hook_mlm_logits", "[T, 30522]"), split(lines.getLast()));
        assertEquals(List.of("blocks.0.attn.hook_q", "[T, 4, 8]"), split(lines.get(5)));
    }

    @Test
    void aPatternSelectsAndShapesFollowTheLayout() {
        List<String> lines = run("blocks.*.attn.hook_pattern");
        assertEquals(3, lines.size());
        assertEquals(List.of("blocks.1.attn.hook_pattern", "[4, T, T]"), split(lines.get(1)));
        assertEquals(List.of(List.of("blocks.1.attn.hook_result", "[T, 4, 32]"), List.of("blocks.1.mlp.hook_post", "[T, 64]")),
                List.of(split(run("blocks.1.attn.hook_result").getFirst()), split(run("blocks.1.mlp.hook_post").getFirst())));
    }

    private static List<String> split(String line) {
        return List.of(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf('[')));
    }

    private static List<String> run(String... pattern) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[3 + pattern.length];
            args[0] = "hooks";
            args[1] = "--model";
            args[2] = TestFiles.resource("models/tiny-bert").toString();
            System.arraycopy(pattern, 0, args, 3, pattern.length);
            assertEquals(0, Main.commandLine().execute(args));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
