package dev.tails.model;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crafted config.json files: huge numbers and deep nesting are refused by name, never a crash. */
class HostileConfigTest {
    private static final String CONFIG = """
            {"model_type": "bert", "vocab_size": 30, "hidden_size": 8, "num_hidden_layers": 1,
             "num_attention_heads": 2, "intermediate_size": 16, "max_position_embeddings": 16,
             "type_vocab_size": 2%s}""";

    @TempDir
    Path dir;

    private String refusal(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        String m = assertThrows(TailsException.class, () -> ModelConfig.load(dir)).getMessage();
        assertTrue(m.contains(dir.resolve("config.json").toString()), m);
        return m;
    }

    @Test
    void numbersBeyondAnIntAreNamed() throws IOException {
        String m = refusal(CONFIG.formatted("").replace("\"vocab_size\": 30", "\"vocab_size\": 4294967296"));
        assertTrue(m.contains("vocab_size"), m);
        m = refusal(CONFIG.formatted(", \"layer_norm_eps\": 1e400"));
        assertTrue(m.contains("layer_norm_eps"), m);
        m = refusal(CONFIG.formatted("").replace("\"hidden_size\": 8", "\"hidden_size\": " + "9".repeat(5000)));
        assertTrue(m.contains("Number") || m.contains("number"), m);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws IOException {
        String m = refusal(CONFIG.formatted(", \"x\": " + "[".repeat(100_000)));
        assertTrue(m.contains("nesting") || m.contains("depth"), m);
    }
}
