package dev.tails;

import dev.tails.model.SentenceConfig;
import dev.tails.model.SentenceTransformersFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** tiny-bert as a sentence-transformers folder: its files copied, plus modules.json and the pooling files. */
public final class TinySentenceModel {
    private TinySentenceModel() {
    }

    /** The folder {@code dir}/tiny-st with the given setting. */
    public static Path write(Path dir, SentenceConfig sentence) {
        Path folder = dir.resolve("tiny-st");
        try (Stream<Path> files = Files.list(TestFiles.resource("models/tiny-bert"))) {
            Files.createDirectories(folder);
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SentenceTransformersFiles.write(folder, sentence);
        return folder;
    }
}
