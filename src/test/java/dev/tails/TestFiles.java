package dev.tails;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Locates test data: resources copied into src/test/resources, and the shared golden folder. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A file or folder under src/test/resources. */
    public static Path resource(String name) {
        URL url = TestFiles.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("test resource not found: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared golden folder (../shared/golden unless -Dtails.golden says otherwise), or null. */
    public static Path sharedGolden() {
        Path dir = Path.of(System.getProperty("tails.golden", "../shared/golden"));
        return Files.isDirectory(dir) ? dir : null;
    }

    /** The shared data folder (../shared/data unless -Dtails.data says otherwise), or null. */
    public static Path sharedData() {
        Path dir = Path.of(System.getProperty("tails.data", "../shared/data"));
        return Files.isDirectory(dir) ? dir : null;
    }

    /** A fetched model folder under weights/, or null when it has not been fetched. */
    public static Path fetchedModel(String name) {
        Path dir = Path.of("weights", name);
        return Files.isRegularFile(dir.resolve("model.safetensors")) ? dir : null;
    }

    /** A .tar.xz holding the given entries, as SemCor is shipped. */
    public static Path tarXz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options()))) {
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
