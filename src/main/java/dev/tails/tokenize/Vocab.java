package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Token string to id. */
final class Vocab {
    private final Map<String, Integer> ids;
    private final String[] tokens;
    private final String source;

    /** @param maxIds ids lie in [0, maxIds): a file's entry count, so a lying id cannot size the table */
    Vocab(Map<String, Integer> ids, int maxIds, String source) {
        this.ids = ids;
        this.source = source;
        ids.forEach((token, id) -> {
            if (id < 0 || id >= maxIds) {
                throw new TailsException(source + ": token \"" + token + "\" has id " + id
                        + ", outside [0, " + maxIds + ") for a vocabulary of " + maxIds + " entries");
            }
        });
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.tokens = new String[size];
        ids.forEach((token, id) -> tokens[id] = token);
    }

    /** vocab.txt: one token per line, the id is the line number. */
    static Vocab fromLines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TailsException("cannot read vocabulary " + file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> ids = HashMap.newHashMap(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ids.putIfAbsent(lines.get(i), i);
        }
        return new Vocab(ids, lines.size(), file.toString());
    }

    /** A JSON object {token: id} (vocab.json, or the "vocab" of a tokenizer.json model). */
    static Vocab fromJson(JsonNode object, String source) {
        if (object == null || !object.isObject()) {
            throw new TailsException(source + ": the vocabulary must be a JSON object {token: id}");
        }
        Map<String, Integer> ids = HashMap.newHashMap(object.size());
        object.properties().forEach(e -> {
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                throw new TailsException(source + ": token \"" + e.getKey() + "\" must have an integer id, found " + id);
            }
            ids.put(e.getKey(), id.intValue());
        });
        return new Vocab(ids, object.size(), source);
    }

    /** The id, or -1 if the token is not in the vocabulary. */
    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The id of a token the format requires ([UNK], &lt;s&gt;, ...). */
    int require(String token) {
        int id = id(token);
        if (id < 0) {
            throw new TailsException(source + ": the vocabulary has no token \"" + token + "\"");
        }
        return id;
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token of an id the vocabulary has. */
    String token(int id) {
        return tokens[id];
    }

    /** One past the largest id. */
    int size() {
        return tokens.length;
    }
}
