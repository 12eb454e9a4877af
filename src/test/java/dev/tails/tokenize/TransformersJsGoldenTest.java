package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TestFiles;
import dev.tails.io.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The token ids the ONNX parity test feeds to both engines come from tails' tokenizer; here they
 * are checked by an independent route: transformers.js 4.3.2 (scripts/tokenizer-golden.mjs) on the
 * tokenizer.json of each fetched sentence encoder, for the parity test's 200 texts. The three
 * files differ only in truncation and padding settings, so transformers.js gave the same ids for
 * all three: one golden file. Skips, saying so, when a model was not fetched.
 */
class TransformersJsGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"})
    void idsMatchTransformersJs(String name) throws IOException {
        Path folder = TestFiles.fetchedModel(name);
        assumeTrue(folder != null, "SKIPPED: weights/" + name + " not fetched (run ./tails fetch " + name + ")");
        Tokenizer tokenizer = Tokenizer.load(folder);
        List<String> texts = Files.readAllLines(TestFiles.resource("embed/texts.jsonl"));
        List<String> golden = Files.readAllLines(TestFiles.resource("embed/tokenizer-golden.jsonl"));
        assertEquals(texts.size(), golden.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            JsonNode g = Json.MAPPER.readTree(golden.get(i));
            assertEquals(i, g.get("line").asInt());
            int[] expected = new int[g.get("ids").size()];
            Arrays.setAll(expected, k -> g.get("ids").get(k).asInt());
            int[] actual = tokenizer.encode(Json.MAPPER.readTree(texts.get(i)).textValue()).ids();
            if (!Arrays.equals(expected, actual)) {
                mismatches.add("line " + i + " " + texts.get(i) + "\n  transformers.js: " + Arrays.toString(expected)
                        + "\n  tails:           " + Arrays.toString(actual));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + texts.size() + " texts differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }
}
