package dev.tails.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --input: the texts a command runs, one per line, from a file or standard input ("-"). */
final class InputOption {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Text file, one text per line; - reads standard input.")
    Path path;
}
