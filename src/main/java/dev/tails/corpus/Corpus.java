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

    /**
     * The corpus the study runs on when none is given: 2,000 WordNet 3.0 example sentences (see the README
     * beside the resource).
     *
     * @return the sentences
     * @throws TailsException if the resource is missing or unreadable
     */
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

    /**
     * Reads one text per line, UTF-8.
     *
     * @param file the file, or "-" for stdin
     * @return the texts
     * @throws TailsException if the file is unreadable, has an empty line (named by file and line) or no texts
     */
    public static List<String> read(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            return readAll(lines);
        }
    }

    /**
     * The texts of SST-style {@code "text<TAB>label"} lines, so a labelled file serves as a plain corpus.
     *
     * @param lines the lines
     * @return each line with its trailing tab and label cut; other lines as they are
     */
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
