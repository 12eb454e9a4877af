package dev.tails.fuzz;

import dev.tails.io.tf.TensorBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fuzzed variables.index beside a data shard of 64 bytes: open the bundle, read every tensor. */
final class TfIndexTarget implements FuzzTarget {
    private final Path index;

    TfIndexTarget() {
        Path variables = Hostile.scratchFolder(name()).resolve("variables");
        index = variables.resolve("variables.index");
        try {
            Files.createDirectories(variables);
            byte[] data = new byte[64];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 37);
            }
            Files.write(variables.resolve("variables.data-00000-of-00001"), data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the tf-index target in " + variables, e);
        }
    }

    @Override
    public String name() {
        return "tf-index";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(index, input);
        Hostile.mayOnlyRefuse(() -> {
            try (TensorBundle bundle = TensorBundle.open(index)) {
                for (String name : bundle.names()) {
                    Hostile.mayOnlyRefuse(() -> bundle.floats(name));
                }
            }
        });
    }
}
