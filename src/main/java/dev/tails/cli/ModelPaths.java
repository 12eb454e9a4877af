package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.io.hub.HubClient;
import dev.tails.io.hub.HubEnvironment;
import dev.tails.io.hub.RepoId;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a --model argument: a folder path, a name under the weights/ folder, or hf:ORG/NAME[@REVISION]. */
public final class ModelPaths {
    private ModelPaths() {
    }

    public static Path weightsDir() {
        return Path.of(System.getProperty("tails.home", ".")).resolve("weights");
    }

    public static Path resolve(String arg) {
        if (arg.startsWith(RepoId.PREFIX)) {
            return new HubClient(HubEnvironment.fromSystem(), new StderrProgress()).snapshot(RepoId.parse(arg));
        }
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
