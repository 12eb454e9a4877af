package dev.tails;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The `tails` launcher's start-up cache and heap logic, run by bash in a copy of the launcher with a
 * stand-in `java` that logs its arguments (and writes the file -XX:AOTCacheOutput names), so no JVM
 * starts and nothing is timed.
 */
class LauncherTest {
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_JAVA_LOG"
            for a in "$@"; do
              case "$a" in
                -XX:AOTCacheOutput=*) [[ -z "${FAKE_JAVA_NO_AOT:-}" ]] || exit 1; echo cache > "${a#*=}" ;;
              esac
            done
            """;

    @TempDir
    Path dir;
    private Path home;
    private Path jdk;
    private Path log;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        home = dir.resolve("home");
        Files.createDirectories(home.resolve("scripts"));
        Files.copy(Path.of("tails"), home.resolve("tails"));
        Files.copy(Path.of("scripts/jdk.sh"), home.resolve("scripts/jdk.sh"));
        Files.createDirectories(home.resolve("src/test/resources/models/tiny-bert"));
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/tails.jar"), "jar 1");
        jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(jdk.resolve("lib"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Files.writeString(jdk.resolve("lib/modules"), "modules");
        executable(jdk.resolve("bin/java"), FAKE_JAVA);
        executable(jdk.resolve("bin/javac"), "#!/bin/sh\n");
        executable(dir.resolve("bin/mvn"), "#!/bin/sh\necho 'mvn must not run' >&2; exit 1\n");
        log = dir.resolve("java.log");
    }

    @Test
    void cacheIsMadeOnFirstUseUsedAfterAndRemadeWhenTheJarChanges() throws Exception {
        Result first = run(Map.of(), "tokenize", "--model", "none", "x");
        assertEquals(2, first.javaRuns().size(), first.toString());
        assertTrue(first.javaRuns().get(0).contains("-XX:AOTCacheOutput="), first.toString());
        String cache = "-XX:AOTCache=" + home.resolve("target/tails.aot");
        assertTrue(first.javaRuns().get(1).contains(cache), first.toString());
        assertTrue(first.javaRuns().get(1).endsWith("-jar " + home.resolve("target/tails.jar") + " tokenize --model none x"));

        Result second = run(Map.of(), "tokenize");
        assertEquals(1, second.javaRuns().size(), second.toString());
        assertTrue(second.javaRuns().get(0).contains(cache), second.toString());
        assertEquals("", second.err());

        // A rebuilt jar: new size and mtime, so a new key.
        Files.writeString(home.resolve("target/tails.jar"), "jar 2, rebuilt");
        Files.setLastModifiedTime(home.resolve("target/tails.jar"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Result rebuilt = run(Map.of(), "tokenize");
        assertEquals(2, rebuilt.javaRuns().size(), rebuilt.toString());
        assertTrue(rebuilt.javaRuns().get(0).contains("-XX:AOTCacheOutput="), rebuilt.toString());
    }

    @Test
    void aJvmThatCannotMakeACacheRunsWithoutOneQuietlyAndIsNotAskedAgain() throws Exception {
        Result first = run(Map.of("FAKE_JAVA_NO_AOT", "1"), "tokenize");
        assertEquals(2, first.javaRuns().size(), first.toString());
        assertFalse(first.javaRuns().get(1).contains("AOTCache"), first.toString());
        assertEquals("tails: making the start-up cache (first use of this jar)...\n", first.err());
        assertFalse(Files.exists(home.resolve("target/tails.aot")));

        Result second = run(Map.of("FAKE_JAVA_NO_AOT", "1"), "tokenize");
        assertEquals(1, second.javaRuns().size(), second.toString());
        assertEquals("", second.err());
    }

    @Test
    void heapComesFromTheModelsWeightsAndTailsJavaOptsWins() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        sparse(model.resolve("model.safetensors"), 100 << 20, "{\"w\":{\"dtype\":\"F32\"}}");
        Path half = dir.resolve("half");
        Files.createDirectories(half);
        sparse(half.resolve("model.safetensors"), 50 << 20, "{\"w\":{\"dtype\": \"BF16\"}}");

        assertTrue(run(Map.of(), "hidden", "--model", model.toString()).lastRun().contains(" -Xmx484m "));
        assertTrue(run(Map.of(), "hidden", "--model=" + half).lastRun().contains(" -Xmx484m "));
        String overridden = run(Map.of("TAILS_JAVA_OPTS", "-Xmx3g"), "hidden", "--model", model.toString()).lastRun();
        assertTrue(overridden.indexOf("-Xmx484m") < overridden.indexOf("-Xmx3g"), overridden);
        // analyze and eval keep corpus-wide data, convert-tf has no model: the JVM's default heap; so
        // for a model that is not a folder.
        assertFalse(run(Map.of(), "eval", "wic", "--model", model.toString()).lastRun().contains("-Xmx"));
        assertFalse(run(Map.of(), "convert-tf", "x", "--model", model.toString()).lastRun().contains("-Xmx"));
        assertFalse(run(Map.of(), "hidden", "--model", "no-such-model").lastRun().contains("-Xmx"));
    }

    /**
     * With a config.json, the encoder's Linear weights go to native memory: 4 layers of H 1024, I 4096
     * take 4 x (4 x 1024^2 + 2 x 1024 x 4096) x 4 B = 192 MiB, so 300 MiB of weights give a heap of
     * 300 - 192 + 384 = 492 MiB and a native allowance of 192 + 64 = 256 MiB, with BERT's or DistilBERT's
     * key names.
     */
    @Test
    void linearWeightsCountAgainstNativeMemoryNotTheHeap() throws Exception {
        Map<String, String> configs = Map.of(
                "bert", "{\"num_hidden_layers\": 4,\n \"hidden_size\": 1024, \"intermediate_size\": 4096}",
                "distilbert", "{\"n_layers\":4, \"dim\":1024, \"hidden_dim\":4096, \"vocab_size\": 30522}");
        for (Map.Entry<String, String> config : configs.entrySet()) {
            Path model = dir.resolve(config.getKey());
            Files.createDirectories(model);
            sparse(model.resolve("model.safetensors"), 300 << 20, "{\"w\":{\"dtype\":\"F32\"}}");
            Files.writeString(model.resolve("config.json"), config.getValue());
            assertTrue(run(Map.of(), "hidden", "--model", model.toString()).lastRun()
                    .contains(" -Xmx492m -XX:MaxDirectMemorySize=256m "), config.getKey());
        }
    }

    private record Result(List<String> javaRuns, String err) {
        String lastRun() {
            return javaRuns.getLast();
        }
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("/bin/bash", home.resolve("tails").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_JAVA_LOG", log.toString());
        pb.environment().remove("TAILS_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return new Result(Files.readAllLines(log), err);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A file of `size` bytes (a hole after the header text), as big as a checkpoint without the disk. */
    private static void sparse(Path file, long size, String header) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(header.getBytes(StandardCharsets.US_ASCII));
            f.setLength(size);
        }
    }
}
