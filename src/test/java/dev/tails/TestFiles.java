package dev.tails;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** A fetched model folder under weights/, or null when it has not been fetched. */
    public static Path fetchedModel(String name) {
        Path dir = Path.of("weights", name);
        return Files.isRegularFile(dir.resolve("model.safetensors")) ? dir : null;
    }
}
