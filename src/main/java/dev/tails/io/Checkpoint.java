package dev.tails.io;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of one Hugging Face model folder: a single {@code model.safetensors}, or the shards
 * listed by {@code model.safetensors.index.json}, each shard mapped once.
 */
public final class Checkpoint implements AutoCloseable {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private final Path folder;
    private final Map<String, SafetensorsFile> fileOf;
    private final List<SafetensorsFile> files;

    private Checkpoint(Path folder, Map<String, SafetensorsFile> fileOf, List<SafetensorsFile> files) {
        this.folder = folder;
        this.fileOf = Collections.unmodifiableMap(fileOf);
        this.files = List.copyOf(files);
    }

    public static Checkpoint open(Path modelDir) {
        if (Files.isRegularFile(modelDir.resolve(SINGLE))) {
            SafetensorsFile file = SafetensorsFile.open(modelDir.resolve(SINGLE));
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            file.names().forEach(name -> fileOf.put(name, file));
            return new Checkpoint(modelDir, fileOf, List.of(file));
        }
        if (Files.isRegularFile(modelDir.resolve(INDEX))) {
            return openShards(modelDir, ShardIndex.read(modelDir.resolve(INDEX)));
        }
        throw new TailsException("model folder " + modelDir + " has neither " + SINGLE + " nor " + INDEX);
    }

    private static Checkpoint openShards(Path modelDir, ShardIndex index) {
        Map<Path, SafetensorsFile> opened = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : index.shardOf().entrySet()) {
                SafetensorsFile shard = opened.computeIfAbsent(e.getValue(), SafetensorsFile::open);
                if (!shard.contains(e.getKey())) {
                    throw new TailsException("tensor '" + e.getKey() + "' is listed in " + modelDir.resolve(INDEX)
                            + " but absent from its shard " + shard.path());
                }
                fileOf.put(e.getKey(), shard);
            }
            return new Checkpoint(modelDir, fileOf, new ArrayList<>(opened.values()));
        } catch (RuntimeException e) {
            opened.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public Set<String> names() {
        return fileOf.keySet();
    }

    public boolean contains(String name) {
        return fileOf.containsKey(name);
    }

    public TensorInfo info(String name) {
        return file(name).info(name);
    }

    public FloatTensor floats(String name) {
        return file(name).floats(name);
    }

    /** The tensor, checked to have exactly {@code expectedShape}, so a wrong config fails at load, not mid-forward. */
    public FloatTensor floats(String name, int... expectedShape) {
        requireShape(name, expectedShape);
        return floats(name);
    }

    /** Fails, naming the tensor, unless it has exactly {@code expectedShape}. */
    public void requireShape(String name, int... expectedShape) {
        int[] actual = info(name).shape();
        if (!Arrays.equals(actual, expectedShape)) {
            throw new TailsException("tensor '" + name + "' in " + folder + " has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(expectedShape));
        }
    }

    /** Elements [from, from + n) of the tensor into dst at off (see {@link SafetensorsFile#readFloats}). */
    public void readFloats(String name, long from, float[] dst, int off, int n) {
        file(name).readFloats(name, from, dst, off, n);
    }

    public long[] longs(String name) {
        return file(name).longs(name);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new TailsException("tensor '" + name + "' not found in model folder " + folder);
        }
        return file;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
