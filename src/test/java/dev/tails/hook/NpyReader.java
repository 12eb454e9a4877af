package dev.tails.hook;

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

    public static FloatTensor read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        in.get(magic);
        assertEquals("\u0093NUMPY", new String(magic, 0, 6, StandardCharsets.ISO_8859_1));
        assertEquals(1, magic[6], "major version");
        int length = Short.toUnsignedInt(in.getShort());
        assertEquals(0, (10 + length) % 64, "header padded to 64");
        String header = new String(bytes, 10, length, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, ") && header.endsWith("\n"), header);
        Matcher m = SHAPE.matcher(header);
        assertTrue(m.find(), header);
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        float[] data = new float[(bytes.length - 10 - length) / 4];
        in.position(10 + length);
        in.asFloatBuffer().get(data);
        return new FloatTensor(shape, data);
    }
}
