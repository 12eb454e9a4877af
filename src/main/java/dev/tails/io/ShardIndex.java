package dev.tails.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code weight_map} of a {@code model.safetensors.index.json}: tensor name to shard file.
 * Shard names come from a downloaded file, so each must stay inside the model folder; a snapshot
 * of the Hugging Face cache ({@code models--ORG--NAME/snapshots/COMMIT}) links its files into its
 * repo's {@code blobs/}, so there the shards may also resolve into that folder, and nowhere else.
 */
record ShardIndex(Map<String, Path> shardOf) {

    static ShardIndex read(Path indexFile) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new TailsException(indexFile + ": cannot read the shard index: " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new TailsException(indexFile + ": shard index must be an object with a 'weight_map' object");
        }
        Path folder = realPath(indexFile.toAbsolutePath().getParent(), indexFile);
        List<Path> allowed = allowedRoots(folder);
        Map<String, Path> shardOf = new LinkedHashMap<>();
        Map<String, Path> shards = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
            if (!e.getValue().isTextual()) {
                throw new TailsException(indexFile + ": shard of tensor '" + e.getKey() + "' must be a file name, found "
                        + e.getValue().getNodeType());
            }
            String name = e.getValue().textValue();
            shardOf.put(e.getKey(), shards.computeIfAbsent(name, n -> shard(folder, allowed, n, e.getKey(), indexFile)));
        }
        return new ShardIndex(Collections.unmodifiableMap(shardOf));
    }

    /** The model folder, plus its repo's blobs/ when the folder is a snapshot of the Hugging Face cache. */
    private static List<Path> allowedRoots(Path folder) {
        Path snapshots = folder.getParent();
        Path repo = snapshots == null ? null : snapshots.getParent();
        boolean snapshot = repo != null && repo.getFileName() != null && snapshots.getFileName().toString().equals("snapshots")
                && repo.getFileName().toString().startsWith("models--");
        return snapshot ? List.of(folder, repo.resolve("blobs")) : List.of(folder);
    }

    private static Path shard(Path folder, List<Path> allowed, String name, String tensor, Path indexFile) {
        String where = indexFile + ": shard '" + name + "' of tensor '" + tensor + "'";
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new TailsException(where + " is not a valid file name", e);
        }
        if (name.isEmpty() || relative.isAbsolute()) {
            throw new TailsException(where + " must be a file name relative to the model folder");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new TailsException(where + " leaves the model folder ('..' is not allowed)");
            }
        }
        Path real = realPath(folder.resolve(relative), indexFile);
        if (allowed.stream().noneMatch(real::startsWith)) {
            throw new TailsException(where + " resolves to " + real + ", outside the model folder " + folder
                    + (allowed.size() > 1 ? " and its repo's " + allowed.get(1) : ""));
        }
        return real;
    }

    private static Path realPath(Path path, Path indexFile) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new TailsException(indexFile + ": cannot resolve " + path + ": " + e, e);
        }
    }
}
