package dev.tails.fuzz;

import dev.tails.io.DType;
import dev.tails.io.SafetensorsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A safetensors file of arbitrary bytes: open it, then read every tensor it claims to hold. */
final class SafetensorsTarget implements FuzzTarget {
    private final Path file = Hostile.scratchFolder(name()).resolve("fuzzed.safetensors");

    @Override
    public String name() {
        return "safetensors";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(file, input);
        Hostile.mayOnlyRefuse(() -> {
            try (SafetensorsFile opened = SafetensorsFile.open(file)) {
                readAll(opened);
            }
        });
    }

    /** Reads each tensor as its dtype allows; one refused tensor must not stop the others being tried. */
    static void readAll(SafetensorsFile file) throws IOException {
        for (String name : file.names()) {
            Hostile.mayOnlyRefuse(() -> {
                DType dtype = file.info(name).dtype();
                if (dtype == DType.I64 || dtype == DType.I32) {
                    file.longs(name);
                } else {
                    file.floats(name);
                }
            });
        }
    }
}
