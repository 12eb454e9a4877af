package dev.tails.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `tails tokenize --jsonl` over the golden jsonl files prints the golden ids, tokens and offsets. */
class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"bert-base-cased, vocab", "bert-base-uncased, json", "roberta-base, vocab", "roberta-base, json"})
    void jsonlOutputEqualsGolden(String model, String route) throws Exception {
        Path dir = TestFiles.resource("tokenizers/" + model);
        Path input = dir.resolve("adversarial.jsonl");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("tokenize", "--model", dir.resolve(route).toString(),
                    "--input", input.toString(), "--jsonl");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit);
        List<String> expected = java.nio.file.Files.readAllLines(input);
        List<String> actual = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(expected.size(), actual.size(), "one output line per input line");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = JSON.readTree(expected.get(i));
            JsonNode got = JSON.readTree(actual.get(i));
            assertEquals(want.get("ids"), got.get("ids"), "line " + (i + 1) + " ids");
            assertEquals(want.get("tokens"), got.get("tokens"), "line " + (i + 1) + " tokens");
            assertEquals(want.get("offsets_utf16"), got.get("offsets"), "line " + (i + 1) + " offsets");
        }
    }
}
