package dev.tails.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tails.TailsException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** "-" on the command line: standard input where a file is read, standard output where one file is written. */
final class StdStreams {
    private static final String DASH = "-";

    private StdStreams() {
    }

    /** What writes the content to a stream it may close. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static boolean isDash(Path path) {
        return path != null && path.toString().equals(DASH);
    }

    /** For an output that is a folder or several files: "-" is a usage error (exit 2) naming the option. */
    static void refuseDash(CommandSpec spec, String option, Path path, String why) {
        if (isDash(path)) {
            throw BadArgument.of(spec, option + " -: " + why + "; standard output takes only single-file text outputs");
        }
    }

    /** Writes a file, or standard output for "-" (flushed, never closed). */
    static void write(Path file, String what, Content content) {
        try {
            if (isDash(file)) {
                OutputStream stdout = new FilterOutputStream(System.out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(stdout);
                stdout.flush();
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    content.writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new TailsException((isDash(file) ? "standard output" : file) + ": cannot write " + what + ": "
                    + e.getMessage(), e);
        }
    }

    /** Pretty JSON to a file, or to standard output for "-" (ended by a newline there, as a shell expects). */
    static void writeJson(Path file, String what, ObjectWriter writer, Object value) {
        write(file, what, out -> {
            writer.withDefaultPrettyPrinter().writeValue(out, value);
            if (isDash(file)) {
                out.write('\n');
            }
        });
    }

    /** Where a command's human-readable table goes: standard error when "-" gives standard output to data. */
    static PrintStream humanOutput(Path dataOutput) {
        return isDash(dataOutput) ? System.err : System.out;
    }

    /** Every line of a file, or of standard input for "-", blank ones included (UTF-8). */
    static List<String> lines(Path file) {
        try {
            return isDash(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                    : Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TailsException("cannot read input " + (isDash(file) ? "standard input" : file) + ": "
                    + e.getMessage(), e);
        }
    }
}
