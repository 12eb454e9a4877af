package dev.tails.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the sentence-transformers files of a model folder:
 * <pre>
 *   modules.json                 [Transformer, Pooling (path "1_Pooling"), optionally Normalize]
 *   1_Pooling/config.json        pooling_mode_mean_tokens / _cls_token / _max_tokens, word_embedding_dimension
 *   sentence_bert_config.json    max_seq_length (optional file)
 * </pre>
 * Anything else sentence-transformers can do (Dense layers, weighted or last-token pooling,
 * several modes at once) is refused by name rather than silently ignored.
 */
public final class SentenceTransformersFiles {
    static final String MODULES = "modules.json";
    static final String SENTENCE_BERT_CONFIG = "sentence_bert_config.json";
    static final String POOLING_DIR = "1_Pooling";
    private static final String TYPE_PREFIX = "sentence_transformers.models.";
    private static final List<String> UNSUPPORTED_MODES = List.of(
            "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken");

    private SentenceTransformersFiles() {
    }

    /**
     * Whether a folder is a sentence-transformers model (it has modules.json).
     *
     * @param folder the model folder
     * @return true when {@link #read} applies
     */
    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(MODULES));
    }

    /**
     * The folder's settings; it must hold modules.json.
     *
     * @param folder the model folder
     * @return its pooling, normalization, max_seq_length and vector size
     * @throws TailsException naming the file at fault
     */
    public static SentenceConfig read(Path folder) {
        Path modulesFile = folder.resolve(MODULES);
        JsonNode modules = readJson(modulesFile);
        if (!modules.isArray() || modules.isEmpty()) {
            throw new TailsException(modulesFile + ": expected a non-empty list of modules");
        }
        List<String> types = new ArrayList<>();
        Path poolingDir = null;
        for (JsonNode module : modules) {
            String type = text(module, "type", modulesFile);
            types.add(type);
            if (type.equals(TYPE_PREFIX + "Pooling")) {
                poolingDir = inside(folder, text(module, "path", modulesFile), modulesFile);
            }
        }
        boolean normalize = types.size() == 3;
        List<String> expected = normalize
                ? List.of(TYPE_PREFIX + "Transformer", TYPE_PREFIX + "Pooling", TYPE_PREFIX + "Normalize")
                : List.of(TYPE_PREFIX + "Transformer", TYPE_PREFIX + "Pooling");
        if (!types.equals(expected)) {
            throw new TailsException(modulesFile + ": modules " + types + " are not Transformer, Pooling and optionally "
                    + "Normalize; other modules (Dense, ...) are not supported");
        }
        Path poolingFile = poolingDir.resolve("config.json");
        JsonNode pooling = readJson(poolingFile);
        return new SentenceConfig(poolingMode(pooling, poolingFile), normalize, maxSeqLength(folder),
                positive(pooling, "word_embedding_dimension", poolingFile));
    }

    /**
     * Writes the three files into a folder (created if needed), as sentence-transformers saves them.
     *
     * @param folder the model folder
     * @param config what the files say
     */
    public static void write(Path folder, SentenceConfig config) {
        List<Map<String, Object>> modules = new ArrayList<>();
        modules.add(module(0, "", "Transformer"));
        modules.add(module(1, POOLING_DIR, "Pooling"));
        if (config.normalize()) {
            modules.add(module(2, "2_Normalize", "Normalize"));
        }
        Map<String, Object> pooling = new LinkedHashMap<>();
        pooling.put("word_embedding_dimension", config.dimension());
        pooling.put("pooling_mode_cls_token", config.pooling() == Pooling.CLS);
        pooling.put("pooling_mode_mean_tokens", config.pooling() == Pooling.MEAN);
        pooling.put("pooling_mode_max_tokens", config.pooling() == Pooling.MAX);
        UNSUPPORTED_MODES.forEach(m -> pooling.put(m, false));
        pooling.put("include_prompt", true);
        Map<String, Object> sentenceBert = new LinkedHashMap<>();
        sentenceBert.put("max_seq_length", config.maxSeqLength());
        sentenceBert.put("do_lower_case", false);
        try {
            var writer = Json.MAPPER.writerWithDefaultPrettyPrinter();
            writer.writeValue(Files.createDirectories(folder).resolve(MODULES).toFile(), modules);
            writer.writeValue(Files.createDirectories(folder.resolve(POOLING_DIR)).resolve("config.json").toFile(), pooling);
            writer.writeValue(folder.resolve(SENTENCE_BERT_CONFIG).toFile(), sentenceBert);
            if (config.normalize()) {
                Files.createDirectories(folder.resolve("2_Normalize"));
            }
        } catch (IOException e) {
            throw new TailsException(folder + ": cannot write the sentence-transformers files (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Object> module(int idx, String path, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idx", idx);
        m.put("name", Integer.toString(idx));
        m.put("path", path);
        m.put("type", TYPE_PREFIX + type);
        return m;
    }

    /** Exactly one of mean, cls, max; the other modes sentence-transformers knows must be off. */
    private static Pooling poolingMode(JsonNode config, Path file) {
        for (String mode : UNSUPPORTED_MODES) {
            if (flag(config, mode, file)) {
                throw new TailsException(file + ": '" + mode + "' is not supported (mean, cls and max are)");
            }
        }
        List<Pooling> on = new ArrayList<>();
        if (flag(config, "pooling_mode_mean_tokens", file)) {
            on.add(Pooling.MEAN);
        }
        if (flag(config, "pooling_mode_cls_token", file)) {
            on.add(Pooling.CLS);
        }
        if (flag(config, "pooling_mode_max_tokens", file)) {
            on.add(Pooling.MAX);
        }
        if (on.size() != 1) {
            throw new TailsException(file + ": exactly one of 'pooling_mode_mean_tokens', 'pooling_mode_cls_token', "
                    + "'pooling_mode_max_tokens' must be true, found " + on.size());
        }
        return on.getFirst();
    }

    /** sentence_bert_config.json's max_seq_length; the model's own limit without the file. */
    private static int maxSeqLength(Path folder) {
        Path file = folder.resolve(SENTENCE_BERT_CONFIG);
        return Files.isRegularFile(file) ? positive(readJson(file), "max_seq_length", file) : SentenceConfig.MODEL_LIMIT;
    }

    /** A module path must stay inside the model folder. */
    private static Path inside(Path folder, String relative, Path file) {
        Path root = folder.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new TailsException(file + ": 'path' \"" + relative + "\" is not a valid path", e);
        }
        if (!resolved.startsWith(root)) {
            throw new TailsException(file + ": 'path' \"" + relative + "\" leads out of " + root);
        }
        return resolved;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": not found (not a sentence-transformers model folder?)");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new TailsException(file + ": empty");
            }
            return root;
        } catch (IOException e) {
            throw new TailsException(file + ": invalid JSON (" + e.getMessage() + ")", e);
        }
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new TailsException(file + ": '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static boolean flag(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v != null && !v.isBoolean()) {
            throw new TailsException(file + ": '" + field + "' must be true or false, got " + v);
        }
        return v != null && v.booleanValue();
    }

    private static int positive(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() <= 0) {
            throw new TailsException(file + ": '" + field + "' must be a positive integer, got " + v);
        }
        return v.intValue();
    }
}
