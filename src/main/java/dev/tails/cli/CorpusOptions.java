package dev.tails.cli;

import dev.tails.analysis.Corpus;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The --corpus option of the commands that average over texts. */
final class CorpusOptions {
    @Option(names = "--corpus", description = "Text file, one text per line (default: 2,000 WordNet 3.0 example sentences).")
    Path corpus;

    List<String> texts() {
        return corpus == null ? Corpus.embedded() : Corpus.read(corpus);
    }
}
