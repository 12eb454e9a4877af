package dev.tails.io;

import dev.tails.tensor.FloatTensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads back what NpyWriter wrote, checking the format rules numpy relies on. */
public final class NpyReader {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    private NpyReader() {
    }

    /** A '<f4' array. */
    public static FloatTensor read(byte[] bytes) {
        ByteBuffer in = data(bytes, "<f4");
        float[] data = new float[in.remaining() / Float.BYTES];
        in.asFloatBuffer().get(data);
        return new FloatTensor(shape(bytes), data);
    }

    /** A '<i8' array's values (shape checked by the caller with {@link #shape}). */
    public static long[] readLongs(byte[] bytes) {
        ByteBuffer in = data(bytes, "<i8");
        long[] data = new long[in.remaining() / Long.BYTES];
        in.asLongBuffer().get(data);
        return data;
    }

    /** The shape in the header. */
    public static int[] shape(byte[] bytes) {
        Matcher m = SHAPE.matcher(header(bytes));
        assertTrue(m.find(), header(bytes));
        return Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }

    private static String header(byte[] bytes) {
        int length = Short.toUnsignedInt(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(8));
        return new String(bytes, 10, length, StandardCharsets.US_ASCII);
    }

    /** Checks magic, version, padding and dtype; the buffer is positioned at the data. */
    private static ByteBuffer data(byte[] bytes, String descr) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        in.get(magic);
        assertEquals("\u0093NUMPY", new String(magic, 0, 6, StandardCharsets.ISO_8859_1));
        assertEquals(1, magic[6], "major version");
        int length = Short.toUnsignedInt(in.getShort());
        assertEquals(0, (10 + length) % 64, "header padded to 64");
        String header = header(bytes);
        assertTrue(header.startsWith("{'descr': '" + descr + "', 'fortran_order': False, ") && header.endsWith("\n"), header);
        return in.position(10 + length);
    }
}
