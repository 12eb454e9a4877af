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

/**
 * NumPy's own formats, so numpy.load reads our tensors as they are: {@code .npy} (format 1.0: magic,
 * version, u16 header length, a Python dict literal padded with spaces to 64 bytes, then {@code '<f4'}
 * or {@code '<i8'} data in C order) and {@code .npz} (see {@link NpzWriter}).
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    public static void writeNpy(Path file, FloatTensor tensor) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(f32(tensor.shape(), tensor.data()));
        } catch (IOException e) {
            throw new TailsException("cannot write .npy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One {@code key.npy} entry per tensor; numpy.load(file)[key] gives it back. */
    public static void writeNpz(Path file, Map<String, FloatTensor> tensors) {
        NpzWriter npz = new NpzWriter();
        tensors.forEach(npz::putF32);
        npz.write(file);
    }

    /** A whole .npy file of little-endian floats. */
    static byte[] f32(int[] shape, float[] data) {
        ByteBuffer bytes = withHeader("<f4", shape, (long) data.length * Float.BYTES);
        bytes.asFloatBuffer().put(data);
        return bytes.array();
    }

    /** A whole .npy file of little-endian 64-bit integers. */
    static byte[] i64(int[] shape, long[] data) {
        ByteBuffer bytes = withHeader("<i8", shape, (long) data.length * Long.BYTES);
        bytes.asLongBuffer().put(data);
        return bytes.array();
    }

    /** A buffer for header and data, positioned after the header. */
    private static ByteBuffer withHeader(String descr, int[] shape, long dataBytes) {
        byte[] header = header(descr, shape);
        if (header.length + dataBytes > Integer.MAX_VALUE - 8) {
            throw new TailsException("an array of " + dataBytes + " bytes is too big for one .npy entry (2 GB at most)");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (header.length + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        return bytes.put(header);
    }

    /** Magic, version 1.0, u16 length, then the dict padded with spaces and ended by '\n' to a multiple of 64. */
    static byte[] header(String descr, int[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String tuple = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padded = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        String text = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer header = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return header.array();
    }
}
