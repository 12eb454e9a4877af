package dev.tails.cli;

import dev.tails.TailsException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a --model argument: a folder path, or a name under the weights/ folder. */
public final class ModelPaths {
    private ModelPaths() {
    }

    public static Path weightsDir() {
        return Path.of(System.getProperty("tails.home", ".")).resolve("weights");
    }

    public static Path resolve(String arg) {
        Path direct = Path.of(arg);
        if (Files.isDirectory(direct)) {
            return direct;
        }
        Path named = weightsDir().resolve(arg);
        if (Files.isDirectory(named)) {
            return named;
        }
        throw new TailsException("model '" + arg + "' not found: neither " + direct.toAbsolutePath() + " nor "
                + named.toAbsolutePath().normalize() + " is a folder (get one with: ./tails fetch " + arg + ")");
    }
}
