package dev.tails.io;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void writtenTensorsAndMetadataReadBackUnchanged() {
        Path file = dir.resolve("t.safetensors");
        float[] weights = {1.5f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, -0f};
        long[] ids = {Long.MIN_VALUE, -1, 0, 101, Long.MAX_VALUE};
        new SafetensorsWriter()
                .putMetadata("format", "pt")
                .putF32("w", new int[] {2, 3}, weights)
                .putI64("ids", new int[] {5}, ids)
                .putF32("empty", new int[] {0}, new float[0])
                .putF32("scalar", new int[] {}, new float[] {7f})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(List.of("w", "ids", "empty", "scalar"), List.copyOf(f.names()));
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertArrayEquals(new int[] {2, 3}, f.floats("w").shape());
            assertArrayEquals(weights, f.floats("w").data());
            assertEquals(DType.I64, f.info("ids").dtype());
            assertArrayEquals(ids, f.longs("ids"));
            assertArrayEquals(new int[] {0}, f.floats("empty").shape());
            assertEquals(0, f.floats("empty").data().length);
            assertArrayEquals(new int[] {}, f.floats("scalar").shape());
            assertArrayEquals(new float[] {7f}, f.floats("scalar").data());
        }
    }

    @Test
    void aRangeOfElementsReadsAsThatSliceOfTheWholeTensor() {
        Path file = dir.resolve("t.safetensors");
        float[] w = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f};
        new SafetensorsWriter().putF32("w", new int[] {3, 4}, w).write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] dst = {-1f, -1f, -1f, -1f, -1f, -1f};
            f.readFloats("w", 4, dst, 1, 4); // row 1 of [3, 4], into dst[1..5)
            assertArrayEquals(new float[] {-1f, 4f, 5f, 6f, 7f, -1f}, dst);
            TailsException e = assertThrows(TailsException.class, () -> f.readFloats("w", 9, dst, 0, 4));
            assertTrue(e.getMessage().contains("elements [9, 13) of tensor 'w'"), e.getMessage());
        }
    }

    @Test
    void headerIsSpacePaddedToEightBytesAndDataIsLittleEndian() throws IOException {
        Path file = dir.resolve("t.safetensors");
        new SafetensorsWriter().putF32("x", new int[] {1}, new float[] {1f}).write(file);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong(0);
        assertEquals(0, n % 8);
        assertEquals(' ', bytes.get((int) (8 + n - 1)));
        assertEquals(1f, bytes.getFloat((int) (8 + n)));
        assertEquals(8 + n + 4, bytes.capacity());
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("t.safetensors");
        new SafetensorsWriter().putF32("a", new int[] {1}, new float[] {1f}).write(file);
        new SafetensorsWriter().putF32("b", new int[] {1}, new float[] {2f}).write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(List.of("b"), List.copyOf(f.names()));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writerRefusesInconsistentInput() {
        SafetensorsWriter w = new SafetensorsWriter().putF32("a", new int[] {2}, new float[2]);
        assertMessage(assertThrows(TailsException.class, () -> w.putF32("a", new int[] {1}, new float[1])), "'a'", "already");
        assertMessage(assertThrows(TailsException.class, () -> w.putF32("b", new int[] {3}, new float[2])), "'b'", "needs 3");
        assertMessage(assertThrows(TailsException.class, () -> w.putF32("c", new int[] {-1}, new float[0])), "'c'", "shape");
        assertMessage(assertThrows(TailsException.class, () -> w.putF32("d", null, new float[0])), "'d'", "null");
        assertMessage(assertThrows(TailsException.class, () -> w.putI64("e", new int[] {0}, null)), "'e'", "null");
        assertMessage(assertThrows(TailsException.class,
                () -> w.putF32(SafetensorsWriter.METADATA_KEY, new int[] {0}, new float[0])), "__metadata__", "reserved");
    }

    @Test
    void readingAfterCloseIsAnError() {
        Path file = dir.resolve("t.safetensors");
        new SafetensorsWriter().putF32("x", new int[] {1}, new float[] {1f}).write(file);
        SafetensorsFile f = SafetensorsFile.open(file);
        f.close();
        assertMessage(assertThrows(TailsException.class, () -> f.floats("x")), "'x'", "closed");
    }

    @Test
    void wrongDtypeAndMissingTensorAreNamed() {
        Path file = dir.resolve("t.safetensors");
        new SafetensorsWriter().putF32("f", new int[] {1}, new float[1]).putI64("i", new int[] {1}, new long[1]).write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertMessage(assertThrows(TailsException.class, () -> f.floats("i")), "'i'", "I64", file.toString());
            assertMessage(assertThrows(TailsException.class, () -> f.longs("f")), "'f'", "F32", file.toString());
            assertMessage(assertThrows(TailsException.class, () -> f.info("nope")), "'nope'", "not found", file.toString());
        }
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }
}
