package dev.tails.eval;

import dev.tails.TailsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading evaluation data files so that every problem names the file and, where there is one, the line. */
public final class DataFile {
    private DataFile() {
    }

    /** All lines of a UTF-8 text file; a missing or unreadable file is an error naming it. */
    public static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": data file not found");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** An error at a 1-based line of a file. */
    public static TailsException error(Path file, int line, String message) {
        return error(file.toString(), line, message);
    }

    /** The same for a file that is not a plain path (an entry of an archive: "archive!entry"). */
    public static TailsException error(String file, int line, String message) {
        return new TailsException(file + " line " + line + ": " + message);
    }

    /** The tab-separated fields of a line, which must number at least {@code min}. */
    public static String[] fields(Path file, int line, String text, int min) {
        String[] fields = text.split("\t", -1);
        if (fields.length < min) {
            throw error(file, line, "expected at least " + min + " tab-separated fields, found " + fields.length);
        }
        return fields;
    }

    public static double number(Path file, int line, String field, String what) {
        try {
            return Double.parseDouble(field.trim());
        } catch (NumberFormatException e) {
            throw error(file, line, what + " '" + field + "' is not a number");
        }
    }
}
