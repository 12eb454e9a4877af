package dev.tails.io;

import dev.tails.TailsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A float32 {@code .npy} [rows, width] written row by row, its row count unknown until the end: the
 * header is written for 0 rows and rewritten at {@link #finish()} (a [rows, width] header pads to 128
 * bytes whatever the digits, so the data never moves). Written to a dot-temp file renamed by
 * {@link #finish()}, so a reader never sees a half file under the final name.
 */
public final class NpyRows implements AutoCloseable {
    private final Path file;
    private final Path tmp;
    private final int width;
    private final FileChannel channel;
    private final int headerLength;
    private long rows;
    private boolean finished;

    /**
     * @param file  the .npy to write (replaced at {@link #finish()} if it exists)
     * @param width floats per row
     */
    public NpyRows(Path file, int width) {
        this.file = file;
        this.tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        this.width = width;
        try {
            this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            byte[] header = NpyWriter.header("<f4", new int[] {0, width});
            this.headerLength = header.length;
            writeFully(ByteBuffer.wrap(header));
        } catch (IOException e) {
            throw new TailsException("cannot write .npy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one row of {@code width} floats. */
    public void write(float[] row) {
        if (row.length != width) {
            throw new TailsException(file + ": a row of " + row.length + " floats in a .npy of width " + width);
        }
        ByteBuffer buffer = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(row);
        try {
            writeFully(buffer);
        } catch (IOException e) {
            throw new TailsException("cannot write .npy file " + file + ": " + e.getMessage(), e);
        }
        rows++;
    }

    /** Writes the header with the row count and renames the file into place. */
    public void finish() {
        byte[] header = NpyWriter.header("<f4", new int[] {Math.toIntExact(rows), width});
        if (header.length != headerLength) {
            throw new TailsException(file + ": .npy header grew from " + headerLength + " to " + header.length + " bytes");
        }
        try {
            channel.position(0);
            writeFully(ByteBuffer.wrap(header));
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TailsException("cannot write .npy file " + file + ": " + e.getMessage(), e);
        }
        finished = true;
    }

    /** Without {@link #finish()} (a run that failed), removes the temp file: no partial array is left. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new TailsException(tmp + ": " + e.getMessage(), e);
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
