package dev.tails.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.TailsException;
import dev.tails.tokenize.Encoding;
import dev.tails.tokenize.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints the tokens of each input text as one JSON object per line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenize texts: one JSON object per text with ids, tokens and UTF-16 offsets.")
public final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, description = "Model folder (or name under weights/).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Text file, one text per line; - reads standard input.")
    Path input;

    @Option(names = "--jsonl", description = "Input lines are JSON objects with \"text\" and optional \"text_pair\".")
    boolean jsonl;

    @Override
    public Integer call() throws IOException {
        Tokenizer tokenizer = Tokenizer.load(ModelPaths.resolve(model));
        List<String> lines = StdStreams.lines(input);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            if (jsonl && lines.get(i).isBlank()) {
                continue;
            }
            out.write(JSON.writeValueAsString(toJson(encode(tokenizer, lines.get(i), i + 1))));
            out.newLine();
        }
        out.flush();
        return 0;
    }

    private Encoding encode(Tokenizer tokenizer, String line, int lineNumber) {
        if (!jsonl) {
            return tokenizer.encode(line);
        }
        JsonNode obj;
        try {
            obj = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new TailsException(input + " line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (obj == null || !obj.path("text").isTextual()) {
            throw new TailsException(input + " line " + lineNumber + ": needs a string field \"text\"");
        }
        JsonNode pair = obj.path("text_pair");
        return pair.isTextual() ? tokenizer.encodePair(obj.get("text").asText(), pair.asText())
                : tokenizer.encode(obj.get("text").asText());
    }

    private static ObjectNode toJson(Encoding e) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode ids = node.putArray("ids");
        ArrayNode tokens = node.putArray("tokens");
        ArrayNode offsets = node.putArray("offsets");
        for (int i = 0; i < e.length(); i++) {
            ids.add(e.ids()[i]);
            tokens.add(e.tokens()[i]);
            offsets.addArray().add(e.offsetStarts()[i]).add(e.offsetEnds()[i]);
        }
        return node;
    }
}
