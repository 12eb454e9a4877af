package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every line of every golden set (made by HF tokenizers 0.21, Rust) must match in ids, tokens,
 * type_ids, special_tokens_mask and offsets_utf16, for both ways of loading: tokenizer.json (json/)
 * and the classic vocabulary files (vocab/).
 */
class GoldenTokenizerTest {
    static final Path ROOT = resource("tokenizers");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SETS = List.of("visible", "edge", "pairs", "adversarial", "sst2-train-2000");

    @TestFactory
    Stream<DynamicTest> goldens() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("bert-base-uncased", "bert-base-cased", "roberta-base")) {
            for (String route : List.of("json", "vocab")) {
                for (String set : SETS) {
                    tests.add(DynamicTest.dynamicTest(name + "/" + route + "/" + set,
                            () -> check(ROOT.resolve(name), route, set)));
                }
            }
        }
        return tests.stream();
    }

    static void check(Path dir, String route, String set) throws IOException {
        Tokenizer tokenizer = Tokenizer.load(dir.resolve(route));
        Map<String, Integer> mismatches = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve(set + ".jsonl"));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode g = JSON.readTree(lines.get(i));
            Encoding e = g.has("text_pair")
                    ? tokenizer.encodePair(g.get("text").asText(), g.get("text_pair").asText())
                    : tokenizer.encode(g.get("text").asText());
            Map<String, String[]> fields = new LinkedHashMap<>();
            fields.put("ids", new String[] {g.get("ids").toString(), JSON.valueToTree(e.ids()).toString()});
            fields.put("tokens", new String[] {g.get("tokens").toString(), JSON.valueToTree(e.tokens()).toString()});
            fields.put("type_ids", new String[] {g.get("type_ids").toString(), JSON.valueToTree(e.typeIds()).toString()});
            fields.put("special_tokens_mask", new String[] {g.get("special_tokens_mask").toString(),
                    JSON.valueToTree(e.specialTokensMask()).toString()});
            fields.put("offsets_utf16", new String[] {g.get("offsets_utf16").toString(), offsets(e)});
            for (var f : fields.entrySet()) {
                if (!f.getValue()[0].equals(f.getValue()[1])) {
                    mismatches.merge(f.getKey(), 1, Integer::sum);
                    if (examples.size() < 5) {
                        examples.add("line " + (i + 1) + " " + f.getKey() + " text=" + g.get("text")
                                + "\n  golden: " + f.getValue()[0] + "\n  ours:   " + f.getValue()[1]);
                    }
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(lines.size() + " lines, mismatches per field " + mismatches + "\n" + String.join("\n", examples));
        }
    }

    static String offsets(Encoding e) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < e.length(); i++) {
            sb.append(i > 0 ? "," : "").append('[').append(e.offsetStarts()[i]).append(',').append(e.offsetEnds()[i]).append(']');
        }
        return sb.append(']').toString();
    }

    static Path resource(String name) {
        try {
            return Path.of(GoldenTokenizerTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
