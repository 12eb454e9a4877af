package dev.tails.cli;

import dev.tails.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments: a usage message and exit code 2, never a stack trace; errors of ours: one line, exit 1. */
class CommandLineErrorsTest {
    private static final String TINY = TestFiles.resource("models/tiny-bert").toString();

    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    static Stream<Arguments> badArguments() {
        return Stream.<String[]>of(
                new String[] {"no-such-command"},
                new String[] {"--no-such-option"},
                new String[] {"hidden", "--model", TINY},
                new String[] {"hidden", "--model", TINY, "--input", "t.txt", "--out", "o.safetensors", "--batch-size", "many"},
                new String[] {"hidden", "--model", TINY, "--input", "t.txt", "--out", "o.safetensors", "--batch-size", "0"},
                new String[] {"hidden", "--model", TINY, "--input", "t.txt", "--out", "o.safetensors", "--hidden-act", "relu"},
                new String[] {"hidden", "--model", TINY, "--input", "t.txt", "--out", "o.safetensors", "--max-tokens", "-5"},
                new String[] {"analyze", "--max-tokens", "12x"},
                new String[] {"analyze", "--probe-sentences", "0"},
                new String[] {"fetch"},
                new String[] {"fetch", "gpt-2"},
                new String[] {"convert-tf"},
                new String[] {"tokenize", "--input", "t.txt"}).map(args -> Arguments.of((Object) args));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentGivesUsageAndExitCode2(String[] args) {
        CliRunner.Result r = run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("Usage:"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void ourErrorsAreOneLineAndVerboseAddsTheStackTrace(@TempDir Path dir) {
        String[] args = {"hidden", "--model", TINY, "--input", dir.resolve("missing.txt").toString(), "--out", dir.resolve("o").toString()};
        CliRunner.Result quiet = run(args);
        assertEquals(1, quiet.exit());
        assertTrue(quiet.err().startsWith("tails: ") && quiet.err().contains("missing.txt"), quiet.err());
        assertFalse(quiet.err().contains("\tat "), quiet.err());

        String[] verbose = Stream.concat(Stream.of(args), Stream.of("--verbose")).toArray(String[]::new);
        assertTrue(run(verbose).err().contains("\tat "), "--verbose prints the stack trace");
    }

    @Test
    void missingModelNamesThePathsTriedAndTheFetchCommand(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("t.txt"), "hello\n");
        CliRunner.Result r = run("hidden", "--model", "no-such-model", "--input", input.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(Path.of("no-such-model").toAbsolutePath().toString())
                && r.err().contains(Path.of("weights", "no-such-model").toAbsolutePath().toString())
                && r.err().contains("./tails fetch no-such-model"), r.err());
    }

    @Test
    void maxTokensStopsTheCorpusAndSaysSo(@TempDir Path dir) throws IOException {
        Path input = Files.write(dir.resolve("t.txt"), java.util.List.of("one two", "three four", "five six"));
        Path out = dir.resolve("o.safetensors");
        CliRunner.Result r = run("hidden", "--model", TINY, "--input", input.toString(), "--out", out.toString(), "--max-tokens", "9");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("--max-tokens 9: stopping after 2 of 3 texts (8 tokens)"), r.err());
        try (var written = dev.tails.io.SafetensorsFile.open(out)) {
            assertTrue(written.contains("s1.hidden") && !written.contains("s2.hidden"), written.names().toString());
        }
    }
}
