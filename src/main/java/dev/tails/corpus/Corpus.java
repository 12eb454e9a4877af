package dev.tails.corpus;

import dev.tails.TailsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Texts to run a model over, held whole: one per line, from a file, stdin ("-") or the corpus embedded in the jar. */
public final class Corpus {
    private static final String EMBEDDED = "/dev/tails/corpus/wordnet-examples.txt";

    private Corpus() {
    }

    /** 2,000 WordNet 3.0 example sentences (see the README beside the resource). */
    public static List<String> embedded() {
        try (InputStream in = Corpus.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new TailsException("embedded corpus " + EMBEDDED + " is missing from the jar");
            }
            return readAll(TextLines.of(in, "embedded corpus"));
        } catch (IOException e) {
            throw new TailsException("embedded corpus " + EMBEDDED + ": " + e.getMessage(), e);
        }
    }

    /** One text per line, UTF-8; an empty line is an error naming file and line. */
    public static List<String> read(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            return readAll(lines);
        }
    }

    /** The texts of SST-style {@code "text<TAB>label"} lines, with the trailing tab and label cut; other lines as they are. */
    public static List<String> withoutLabels(List<String> lines) {
        return lines.stream().map(line -> line.replaceFirst("\\s*\\t[^\\t]*$", "")).toList();
    }

    private static List<String> readAll(TextLines lines) {
        List<String> texts = new ArrayList<>();
        lines.forEachRemaining(texts::add);
        if (texts.isEmpty()) {
            throw new TailsException(lines.source() + ": no texts");
        }
        return texts;
    }
}
