package dev.tails.cli;

import dev.tails.corpus.Corpus;
import dev.tails.corpus.SentenceSample;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The corpus options of the commands that average over texts. */
final class CorpusOptions {
    @Option(names = {"--input", "--corpus"}, paramLabel = "FILE", description = "Text file, one text per line; - reads "
            + "standard input; SST's \"text<TAB>label\" lines lose the label (default: 2,000 WordNet 3.0 example sentences).")
    Path corpus;

    @Option(names = "--sample", paramLabel = "N", description = "Use N lines drawn at random (see --seed) instead of all.")
    Integer sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    List<String> texts() {
        List<String> texts = Corpus.withoutLabels(corpus == null ? Corpus.embedded() : Corpus.read(corpus));
        return sample == null ? texts : SentenceSample.of(texts, sample, seed);
    }
}
