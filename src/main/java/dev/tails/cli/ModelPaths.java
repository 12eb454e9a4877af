package dev.tails.cli;

import dev.tails.TailsException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a --model argument into a model folder. */
public final class ModelPaths {
    private ModelPaths() {
    }

    /** The argument itself if it is a folder, else the folder weights/&lt;arg&gt; under tails.home. */
    public static Path resolve(String arg) {
        Path direct = Path.of(arg);
        if (Files.isDirectory(direct)) {
            return direct;
        }
        Path underWeights = Path.of(System.getProperty("tails.home", "."), "weights", arg);
        if (Files.isDirectory(underWeights)) {
            return underWeights;
        }
        throw new TailsException("model " + arg + " not found: neither " + direct.toAbsolutePath()
                + " nor " + underWeights.toAbsolutePath() + " is a folder; try ./tails fetch " + arg);
    }
}
