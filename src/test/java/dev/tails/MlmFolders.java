package dev.tails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Tiny model folders with a masked-LM head, built in a temp folder: the committed model's files
 * plus a head shard (a few small tensors; the decoder stays tied to the word embeddings), bound by
 * a model.safetensors.index.json, so no multi-megabyte copy of the encoder is committed twice.
 */
public final class MlmFolders {
    public static final String ENCODER_SHARD = "model-00001-of-00002.safetensors";
    public static final String HEAD_SHARD = "model-00002-of-00002.safetensors";

    private MlmFolders() {
    }

    /** models/NAME with the committed head models/mlm-heads/NAME.safetensors. */
    public static Path withHead(String name, Path dir) throws IOException {
        return withHead(name, TestFiles.resource("models/mlm-heads/" + name + ".safetensors"), dir, config -> { });
    }

    /** models/NAME with the given head shard and config.json edited by {@code editConfig}. */
    public static Path withHead(String name, Path headShard, Path dir, Consumer<ObjectNode> editConfig) throws IOException {
        Path source = TestFiles.resource("models/" + name);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                Files.copy(f, dir.resolve(file.equals("model.safetensors") ? ENCODER_SHARD : file));
            }
        }
        Files.copy(headShard, dir.resolve(HEAD_SHARD));
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(source.resolve("config.json").toFile());
        editConfig.accept(config);
        Json.MAPPER.writeValue(dir.resolve("config.json").toFile(), config);
        ObjectNode map = Json.MAPPER.createObjectNode();
        shardNames(dir.resolve(ENCODER_SHARD), ENCODER_SHARD, map);
        shardNames(dir.resolve(HEAD_SHARD), HEAD_SHARD, map);
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.set("weight_map", map);
        Json.MAPPER.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        return dir;
    }

    private static void shardNames(Path shard, String file, ObjectNode map) {
        try (SafetensorsFile f = SafetensorsFile.open(shard)) {
            f.names().forEach(n -> map.put(n, file));
        }
    }
}
