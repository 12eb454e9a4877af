package dev.tails.fuzz;

import dev.tails.io.Checkpoint;
import dev.tails.io.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fuzzed model.safetensors.index.json beside two honest shards and a link that points out of
 * the folder: open the checkpoint and read every tensor the index lists.
 */
final class ShardIndexTarget implements FuzzTarget {
    private final Path folder;

    ShardIndexTarget() {
        Path root = Hostile.scratchFolder(name());
        folder = root.resolve("model");
        try {
            Files.createDirectories(folder);
            new SafetensorsWriter().putF32("a", new int[] {2}, new float[] {1, 2}).putI64("ids", new int[] {1}, new long[] {7})
                    .write(folder.resolve("model-00001-of-00002.safetensors"));
            new SafetensorsWriter().putF32("b", new int[] {1, 1}, new float[] {3})
                    .write(folder.resolve("model-00002-of-00002.safetensors"));
            Path outside = root.resolve("outside.safetensors");
            new SafetensorsWriter().putF32("secret", new int[] {1}, new float[] {9}).write(outside);
            Files.createSymbolicLink(folder.resolve("link.safetensors"), outside);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the shard-index target in " + root, e);
        }
    }

    @Override
    public String name() {
        return "shard-index";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(folder.resolve("model.safetensors.index.json"), input);
        Hostile.mayOnlyRefuse(() -> {
            try (Checkpoint checkpoint = Checkpoint.open(folder)) {
                for (String name : checkpoint.names()) {
                    Hostile.mayOnlyRefuse(() -> checkpoint.floats(name));
                }
            }
        });
    }
}
