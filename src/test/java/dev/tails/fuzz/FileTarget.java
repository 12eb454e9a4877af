package dev.tails.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A target that writes each input as one file (beside whatever its folder was set up with) and
 * hands that file to a reader, which may only refuse it with a TailsException.
 */
record FileTarget(String name, Path file, Reader reader) implements FuzzTarget {

    interface Reader {
        void read(Path file) throws IOException;
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(file, input);
        Hostile.mayOnlyRefuse(() -> reader.read(file));
    }
}
