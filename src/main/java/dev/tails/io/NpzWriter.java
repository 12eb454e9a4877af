package dev.tails.io;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a NumPy {@code .npz} file as numpy.savez does: a zip of stored (uncompressed) entries, one
 * {@code <name>.npy} per tensor, so {@code numpy.load(file)[name]} gives the tensor back. Arrays are
 * not copied when put; each is encoded when {@link #write} reaches it.
 */
public final class NpzWriter implements TensorFileWriter {
    private final Map<String, Supplier<byte[]>> entries = new LinkedHashMap<>();

    @Override
    public NpzWriter putF32(String name, int[] shape, float[] data) {
        return put(name, () -> NpyWriter.f32(shape, data));
    }

    /**
     * Adds a float tensor.
     *
     * @param name its key in the file
     * @param tensor shape and values
     * @return this writer
     */
    public NpzWriter putF32(String name, FloatTensor tensor) {
        return putF32(name, tensor.shape(), tensor.data());
    }

    @Override
    public NpzWriter putI64(String name, int[] shape, long[] data) {
        return put(name, () -> NpyWriter.i64(shape, data));
    }

    private NpzWriter put(String name, Supplier<byte[]> npy) {
        if (entries.putIfAbsent(name, npy) != null) {
            throw new TailsException("tensor '" + name + "' was put twice into one .npz file");
        }
        return this;
    }

    /** Writes to a temporary file beside {@code file}, then moves it into place, so readers never see half a file. */
    @Override
    public void write(Path file) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                write(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the error below says what went wrong; a stray temporary file is secondary
                }
            }
            throw new TailsException("cannot write .npz file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The zip, entry by entry: a stored entry needs its size and CRC before its bytes. */
    private void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Supplier<byte[]>> e : entries.entrySet()) {
            byte[] npy = e.getValue().get();
            CRC32 crc = new CRC32();
            crc.update(npy);
            ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(npy.length);
            entry.setCompressedSize(npy.length);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(npy);
            zip.closeEntry();
        }
        zip.finish();
    }
}
