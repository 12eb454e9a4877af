package dev.tails.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.TailsException;
import dev.tails.io.Json;
import dev.tails.io.NpyRows;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where `tails embed` writes each text's vector as it comes, in input order: JSON lines (a file or
 * standard output) or a float32 .npy [texts, H]. A file appears under its name only once
 * {@link #finish()} ran, so a failed run leaves no output that looks whole.
 */
interface EmbeddingSink extends AutoCloseable {

    void write(String text, float[] vector);

    /** Everything was written: flush, and move a file into place. */
    void finish();

    /** Releases the output; without {@link #finish()} a file's temp copy is removed. */
    @Override
    void close();

    /** {"text": ..., "embedding": [...]} per line. */
    final class JsonLines implements EmbeddingSink {
        private final Writer writer;
        private final Path file;  // null for standard output
        private final Path tmp;

        private JsonLines(Writer writer, Path file, Path tmp) {
            this.writer = writer;
            this.file = file;
            this.tmp = tmp;
        }

        static JsonLines to(Writer stdout) {
            return new JsonLines(stdout, null, null);
        }

        static JsonLines to(Path file) {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try {
                return new JsonLines(Files.newBufferedWriter(tmp), file, tmp);
            } catch (IOException e) {
                throw new TailsException(file + ": cannot write (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void write(String text, float[] vector) {
            ObjectNode line = Json.MAPPER.createObjectNode().put("text", text);
            ArrayNode values = line.putArray("embedding");
            for (float v : vector) {
                values.add(v);
            }
            try {
                writer.write(Json.MAPPER.writeValueAsString(line));
                writer.write('\n');
                if (file == null) {
                    writer.flush();  // a reader at the other end of a pipe gets each line as it is computed
                }
            } catch (IOException e) {
                throw new TailsException(where() + ": cannot write (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void finish() {
            try {
                writer.flush();
                if (file != null) {
                    writer.close();
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new TailsException(where() + ": cannot write (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
            try {
                if (file == null) {
                    writer.flush();
                } else {
                    writer.close();
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new TailsException(where() + ": " + e.getMessage(), e);
            }
        }

        private String where() {
            return file == null ? "standard output" : file.toString();
        }
    }

    /** Rows of a .npy, the row count written at the end. */
    final class Npy implements EmbeddingSink {
        private final NpyRows rows;

        Npy(Path file, int width) {
            this.rows = new NpyRows(file, width);
        }

        @Override
        public void write(String text, float[] vector) {
            rows.write(vector);
        }

        @Override
        public void finish() {
            rows.finish();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
