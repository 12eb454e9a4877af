package dev.tails.io.tf;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorBundleTest {
    private static final String KERNEL = "module/bert/encoder/layer_0/attention/self/query/kernel";
    private static final String BIAS = "module/bert/encoder/layer_0/attention/self/query/bias";

    @TempDir
    Path dir;

    private Path writeTwoTensors() throws IOException {
        return new TestBundleWriter()
                .add(KERNEL, new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .add(BIAS, new int[] {3}, new float[] {-0.5f, 0f, 7.25f})
                .write(dir);
    }

    @Test
    void readsBackNamesShapesAndValues() throws IOException {
        writeTwoTensors();
        try (TensorBundle b = TensorBundle.open(dir)) {
            assertEquals(List.of(BIAS, KERNEL), b.names());  // index order is byte order
            assertEquals(new FloatTensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}), b.floats(KERNEL));
            assertArrayEquals(new float[] {-0.5f, 0f, 7.25f}, b.floats(BIAS).data());
            assertArrayEquals(new int[] {3}, b.entry(BIAS).shape());
        }
    }

    @Test
    void corruptedDataByteIsACrcErrorNamingTensorAndFile() throws IOException {
        writeTwoTensors();
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length - 1] ^= 0x01;  // the kernel is written last
        Files.write(data, bytes);
        try (TensorBundle b = TensorBundle.open(dir)) {
            b.floats(BIAS);
            TailsException e = assertThrows(TailsException.class, () -> b.floats(KERNEL));
            assertTrue(e.getMessage().contains(KERNEL) && e.getMessage().contains("crc32c")
                    && e.getMessage().contains(data.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedIndexIsAClearError() throws IOException {
        Path index = writeTwoTensors();
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 10));
        TailsException e = assertThrows(TailsException.class, () -> TensorBundle.open(dir));
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains(index.toString()), e.getMessage());

        Files.write(index, Arrays.copyOf(bytes, 20));
        e = assertThrows(TailsException.class, () -> TensorBundle.open(dir));
        assertTrue(e.getMessage().contains("footer"), e.getMessage());
    }

    @Test
    void badMagicIsAClearError() throws IOException {
        Path index = writeTwoTensors();
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(index, bytes);
        TailsException e = assertThrows(TailsException.class, () -> TensorBundle.open(dir));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void entryPointingPastTheDataFileIsRefused() throws IOException {
        writeTwoTensors();
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        Files.write(data, Arrays.copyOf(Files.readAllBytes(data), 8));
        try (TensorBundle b = TensorBundle.open(dir)) {
            TailsException e = assertThrows(TailsException.class, () -> b.floats(KERNEL));
            assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        }
    }

    @Test
    void shapeTooLargeForAnyArrayIsRefused() throws IOException {
        new TestBundleWriter().add("huge", new int[] {1 << 30, 1 << 30, 1 << 30}, new float[] {1}).write(dir);
        try (TensorBundle b = TensorBundle.open(dir)) {
            TailsException e = assertThrows(TailsException.class, () -> b.floats("huge"));
            assertTrue(e.getMessage().contains("huge"), e.getMessage());
        }
    }

    @Test
    void indexOfAbsurdSizeIsRefusedBeforeReading() throws IOException {
        Path index = Files.createDirectories(dir.resolve("variables")).resolve("variables.index");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(index.toFile(), "rw")) {
            f.setLength((1L << 30) + 1);  // sparse: no disk, no heap, unless the reader reads it
        }
        TailsException e = assertThrows(TailsException.class, () -> TensorBundle.open(dir));
        assertTrue(e.getMessage().contains("too large for a tensor-bundle index"), e.getMessage());
    }

    /** A lying index must fail as TailsException, never as an unchecked error from inside the parser. */
    @Test
    void everySingleByteCorruptionOfTheIndexFailsCleanly() throws IOException {
        byte[] index = Files.readAllBytes(writeTwoTensors());
        for (int i = 0; i < index.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = index.clone();
                bad[i] ^= (byte) flip;
                assertFailsCleanly(bad, "byte " + i + " ^ " + flip);
            }
        }
        for (int len = 0; len < index.length; len++) {
            assertFailsCleanly(Arrays.copyOf(index, len), "length " + len);
        }
    }

    /** Block crcs catch most index flips before parsing, so also corrupt entry values behind them. */
    @Test
    void everySingleByteCorruptionOfAnEntryFailsCleanly() throws IOException {
        byte[] value = LevelDbTable.read(writeTwoTensors()).get(KERNEL);
        for (int i = 0; i < value.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = value.clone();
                bad[i] ^= (byte) flip;
                try {
                    BundleEntry.parse(KERNEL, bad, "fuzzed entry");
                } catch (TailsException expected) {
                    // the only acceptable failure
                } catch (RuntimeException e) {
                    throw new AssertionError("byte " + i + " ^ " + flip + ": " + e, e);
                }
            }
        }
    }

    private static void assertFailsCleanly(byte[] table, String what) {
        try {
            LevelDbTable.parse(table, "fuzzed index").forEach((k, v) -> {
                if (!k.isEmpty()) {
                    BundleEntry.parse(k, v, "fuzzed index");
                }
            });
        } catch (TailsException expected) {
            // the only acceptable failure
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    @Test
    void maskRoundTripsAndMatchesLevelDb() {
        // LevelDB's crc32c_test: Mask(x) != x, Unmask(Mask(x)) == x
        int crc = 0xdeadbeef;
        assertTrue(MaskedCrc32c.mask(crc) != crc);
        assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.mask(crc)));
        assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.mask(MaskedCrc32c.unmask(MaskedCrc32c.mask(crc)))));
    }
}
