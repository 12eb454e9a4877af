package dev.tails.corpus;

import dev.tails.TailsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Texts to run a model over: one per line, from a file or the corpus embedded in the jar. */
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
            return readLines(in, "embedded corpus");
        } catch (IOException e) {
            throw new TailsException("embedded corpus " + EMBEDDED + ": " + e.getMessage(), e);
        }
    }

    /** One text per line, UTF-8; an empty line is an error naming file and line. */
    public static List<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": input file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLines(in, file.toString());
        } catch (IOException e) {
            throw new TailsException(file + ": " + e.getMessage(), e);
        }
    }

    /** The texts of SST-style "text<TAB>label" lines, with the trailing tab and label cut; other lines as they are. */
    public static List<String> withoutLabels(List<String> lines) {
        return lines.stream().map(line -> line.replaceFirst("\\s*\\t[^\\t]*$", "")).toList();
    }

    private static List<String> readLines(InputStream in, String where) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    throw new TailsException(where + " line " + (texts.size() + 1) + ": empty text");
                }
                texts.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new TailsException(where + " line " + (texts.size() + 1) + ": not valid UTF-8", e);
        }
        if (texts.isEmpty()) {
            throw new TailsException(where + ": no texts");
        }
        return texts;
    }
}
