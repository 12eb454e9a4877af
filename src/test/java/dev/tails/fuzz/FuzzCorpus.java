package dev.tails.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of a target's corpus: hand-picked seeds and the inputs of past findings. */
final class FuzzCorpus {
    private FuzzCorpus() {
    }

    static List<Path> files(FuzzTarget target) {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(target.seeds(), target.findings())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }  catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    static List<byte[]> inputs(FuzzTarget target) {
        List<byte[]> inputs = new ArrayList<>();
        for (Path f : files(target)) {
            try {
                inputs.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalStateException("fuzz target " + target.name() + " has no seeds in " + target.seeds());
        }
        return inputs;
    }
}
