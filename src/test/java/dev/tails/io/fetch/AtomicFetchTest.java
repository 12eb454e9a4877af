package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.io.Checkpoint;
import dev.tails.io.tf.TinySavedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fetches through a fake {@code mvn} (a script that "downloads" nothing and names a local
 * repository holding a jar with a tiny SavedModel): an interrupted or corrupted fetch leaves no
 * half model and no temp folder and is redone by the next call; two fetches at once do not collide.
 */
class AtomicFetchTest {
    private static final String NAME = "bert-base-uncased";

    @TempDir
    Path dir;
    Path weights;
    Path jar;
    MavenResolver maven;

    @BeforeEach
    void fakeMavenRepository() throws IOException {
        CatalogEntry e = ModelCatalog.find(NAME);
        Path repo = dir.resolve("repo");
        Path artifactDir = Files.createDirectories(repo.resolve(e.groupId().replace('.', '/'))
                .resolve(e.artifactId()).resolve(e.version()));
        jar = artifactDir.resolve(e.artifactId() + "-" + e.version() + ".jar");
        Path saved = TinySavedModel.write(dir.resolve("saved"), false, "{\"doLowerCase\": true}");
        Files.writeString(saved.resolve("assets/vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n");
        writeJar(jar, ((SavedModelZip) e.packing()).nestedZip(), saved);
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha1"), sha1(jar));
        Path mvn = Files.writeString(dir.resolve("mvn"), "#!/bin/sh\ncase \"$*\" in *evaluate*) echo '" + repo + "';; esac\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
        maven = new MavenResolver(mvn.toString(), dir);
        weights = dir.resolve("weights");
    }

    @Test
    void interruptedConversionLeavesNoHalfModelAndIsRedone() throws IOException {
        int tempBefore = fetchTempFolders();
        RuntimeException crash = new RuntimeException("simulated crash mid-conversion");
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> new ModelFetcher(weights, maven).fetch(NAME, new CrashingProgress(crash)));
        assertEquals(crash, thrown);
        assertFalse(Files.exists(weights.resolve(NAME)), "no weights/" + NAME + " after a crash");
        assertEquals(List.of(), entries(weights), "no staging folder left");
        assertEquals(tempBefore, fetchTempFolders(), "no unpacked SavedModel left in the temp folder");

        Path target = new ModelFetcher(weights, maven).fetch(NAME, new CrashingProgress(null));
        assertTrue(ModelFetcher.isComplete(ModelCatalog.find(NAME), target));
        try (Checkpoint c = Checkpoint.open(target)) {
            assertTrue(c.contains("bert.encoder.layer.1.output.dense.bias"), c.names().toString());
        }
        assertEquals(List.of(NAME), entries(weights));
    }

    @Test
    void corruptedDownloadIsRefusedAndLeavesNothing() throws IOException {
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha1"), "0".repeat(40));
        TailsException e = assertThrows(TailsException.class,
                () -> new ModelFetcher(weights, maven).fetch(NAME, new CrashingProgress(null)));
        assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
        assertFalse(Files.exists(weights.resolve(NAME)));
    }

    @Test
    void twoFetchesAtOnceEndWithOneCompleteModel() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> fetches = Stream.of(1, 2).map(i -> pool.submit(() -> {
                start.await();
                return new ModelFetcher(weights, maven).fetch(NAME, new CrashingProgress(null));
            })).toList();
            start.countDown();
            for (Future<Path> f : fetches) {
                assertEquals(weights.resolve(NAME), f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(NAME), entries(weights), "one model folder, no staging left");
        try (Checkpoint c = Checkpoint.open(weights.resolve(NAME))) {
            assertEquals(5 + 16 * 2 + 2, c.names().size());
        }
    }

    /** Stage messages are dropped; fraction() throws {@code crash} once conversion is under way, if given. */
    private record CrashingProgress(RuntimeException crash) implements Progress {
        @Override
        public void stage(String message) {
        }

        @Override
        public void fraction(double done) {
            if (crash != null && done > 0.3) {
                throw crash;
            }
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int fetchTempFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("tails-fetch-" + NAME)).count();
        }
    }

    /** A jar holding, at {@code entry}, a zip of every file under {@code saved}. */
    private static void writeJar(Path jar, String entry, Path saved) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream outer = new ZipOutputStream(out)) {
            outer.putNextEntry(new ZipEntry(entry));
            ZipOutputStream inner = new ZipOutputStream(outer);
            try (Stream<Path> files = Files.walk(saved)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    inner.putNextEntry(new ZipEntry(saved.relativize(f).toString()));
                    inner.write(Files.readAllBytes(f));
                }
            }
            inner.finish();
            outer.closeEntry();
        }
    }

    private static String sha1(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
