package dev.tails.io;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's own formats, so numpy.load reads our tensors as they are: {@code .npy} (format 1.0: magic,
 * version, u16 header length, a Python dict literal padded with spaces to 64 bytes, then {@code '<f4'} data
 * in C order) and {@code .npz} (a zip holding one {@code <key>.npy} per array, as numpy.savez writes).
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    public static void writeNpy(Path file, FloatTensor tensor) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out, tensor);
        } catch (IOException e) {
            throw new TailsException("cannot write .npy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One {@code key.npy} entry per tensor; numpy.load(file)[key] gives it back. */
    public static void writeNpz(Path file, Map<String, FloatTensor> tensors) {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                write(zip, e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new TailsException("cannot write .npz file " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(OutputStream out, FloatTensor tensor) throws IOException {
        out.write(header(tensor.shape()));
        ByteBuffer buffer = ByteBuffer.allocate(tensor.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(tensor.data());
        out.write(buffer.array());
    }

    /** Magic, version 1.0, u16 length, then the dict padded with spaces and ended by '\n' to a multiple of 64. */
    static byte[] header(int[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String tuple = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padded = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        String text = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer header = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return header.array();
    }
}
