package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.TailsException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code tails fetch}: Maven download -> SHA-1 check -> unpack and convert (as the entry's
 * {@link Packing} says) into a hidden folder beside the target -> one atomic rename. A crash at
 * any point leaves either no {@code weights/NAME/} or a complete one.
 */
public final class ModelFetcher {
    private final Path weightsDir;
    private final MavenResolver maven;

    public ModelFetcher(Path weightsDir, MavenResolver maven) {
        this.weightsDir = weightsDir;
        this.maven = maven;
    }

    /** Puts {@code name} in {@code weightsDir/name}; returns that folder. */
    public Path fetch(String name, Progress progress) {
        CatalogEntry entry = ModelCatalog.find(name);
        Path target = weightsDir.resolve(name);
        if (isComplete(entry, target)) {
            progress.stage(name + " is already in " + target + "; nothing to do");
            return target;
        }
        if (Files.exists(target)) {
            throw new TailsException(target + ": exists but lacks one of " + entry.packing().requiredFiles()
                    + "; remove it and fetch again");
        }
        progress.stage("downloading " + entry.coordinates() + " through Maven");
        Path jar = maven.resolve(entry, progress::stage);
        Path staging = null;
        Path unpacked = null;
        try {
            // a fresh name per call: two fetches, in one process or two, never share a staging folder
            staging = Files.createTempDirectory(Files.createDirectories(weightsDir), "." + name + ".tmp-");
            unpacked = Files.createTempDirectory("tails-fetch-" + name + "-");
            progress.stage(entry.packing().build(jar, unpacked, staging, progress));
            if (!moveAtomically(entry, staging, target)) {
                progress.stage("another fetch finished " + name + " first; keeping its folder");
                return target;
            }
            progress.stage(name + " is ready in " + target);
            return target;
        } catch (IOException e) {
            throw new TailsException(weightsDir + ": cannot prepare " + name + " (" + e.getMessage() + ")", e);
        } finally {
            cleanUp(staging, progress);
            cleanUp(unpacked, progress);
        }
    }

    public static boolean isComplete(CatalogEntry entry, Path folder) {
        return entry.packing().requiredFiles().stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
    }

    /** Renames into place; false when a complete folder appeared there meanwhile (a concurrent fetch). */
    private static boolean moveAtomically(CatalogEntry entry, Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new TailsException(to + ": cannot rename " + from + " into place atomically (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            // Linux reports renaming onto a non-empty folder as a plain FileSystemException (ENOTEMPTY),
            // not DirectoryNotEmptyException: ask the folder, not the exception type
            if (isComplete(entry, to)) {
                return false;
            }
            throw e;
        }
    }

    /** Best effort: a leftover temp folder must not hide the error that caused it. */
    private static void cleanUp(Path root, Progress progress) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            progress.stage("could not remove " + root + " (" + e.getMessage() + "); delete it by hand");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
