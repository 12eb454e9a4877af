package dev.tails.fuzz;

import dev.tails.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fuzzed config.json: load it, and if it loads, use the numbers a model relies on. */
final class ConfigJsonTarget implements FuzzTarget {
    private final Path folder = Hostile.scratchFolder(name());

    @Override
    public String name() {
        return "config-json";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(folder.resolve("config.json"), input);
        Hostile.mayOnlyRefuse(() -> {
            ModelConfig config = ModelConfig.load(folder);
            config.headDim();
            config.maxTokens();
        });
    }
}
