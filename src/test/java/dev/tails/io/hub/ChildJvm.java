package dev.tails.io.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on the test classpath, as another user of the cache would be: its own process (so
 * its own file locks) and an environment of the test's choosing, with no HF_* variable of ours.
 */
final class ChildJvm {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    /** What the process printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code mainClass} with the vector module (tails needs it) and a small heap; output goes to files in {@code dir}. */
    static ChildJvm start(Path dir, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "child-", ".out");
        Path err = Files.createTempFile(dir, "child-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING")
                || k.equals("TRANSFORMERS_OFFLINE") || k.equals("XDG_CACHE_HOME"));
        builder.environment().putAll(env);
        return new ChildJvm(builder.start(), out, err);
    }

    /** Waits for the end (two minutes at most: then the process is killed and the test fails). */
    Result await() throws IOException, InterruptedException {
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child JVM still running after " + LIMIT + "; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
