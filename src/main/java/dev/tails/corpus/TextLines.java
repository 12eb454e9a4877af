package dev.tails.corpus;

import dev.tails.TailsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Texts read one line at a time (UTF-8, one text per line), so a corpus of any size is never held
 * whole. An empty line or bad UTF-8 is an error naming the source and line.
 */
public final class TextLines implements Iterator<String>, AutoCloseable {
    private final BufferedReader reader;
    private final String where;
    private String next;
    private long line;

    private TextLines(InputStream in, String where) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.reader = new BufferedReader(new InputStreamReader(in, decoder));
        this.where = where;
    }

    /**
     * Opens a file of texts.
     *
     * @param file the file, or "-" for standard input
     * @return the texts, read as they are iterated
     * @throws TailsException if the file does not exist or cannot be opened
     */
    public static TextLines open(Path file) {
        if (file.toString().equals("-")) {
            return new TextLines(System.in, "standard input");
        }
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": input file not found");
        }
        try {
            return new TextLines(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new TailsException(file + ": " + e.getMessage(), e);
        }
    }

    static TextLines of(InputStream in, String where) {
        return new TextLines(in, where);
    }

    /** Where the texts come from, for messages. */
    String source() {
        return where;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException(where + ": no more texts");
        }
        String text = next;
        next = null;
        return text;
    }

    private String readLine() {
        try {
            String text = reader.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (text.isBlank()) {
                throw new TailsException(where + " line " + line + ": empty text");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new TailsException(where + " line " + (line + 1) + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new TailsException(where + " line " + (line + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the source (standard input included).
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
