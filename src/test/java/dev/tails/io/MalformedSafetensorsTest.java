package dev.tails.io;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.tails.io.SafetensorsRoundTripTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand-crafted broken files: each must fail on open with a TailsException naming the file and the rule. */
class MalformedSafetensorsTest {
    @TempDir
    Path dir;

    /** A file of the given header bytes (length prefix added) followed by {@code dataBytes} zero bytes. */
    private Path craft(byte[] header, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private Path craft(String header, int dataBytes) throws IOException {
        return craft(header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    private void assertRefused(Path file, String... parts) {
        TailsException e = assertThrows(TailsException.class, () -> SafetensorsFile.open(file).close());
        assertMessage(e, file.toString());
        assertMessage(e, parts);
    }

    static Stream<Arguments> brokenHeaders() {
        String ok = "\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]";
        return Stream.of(
                Arguments.of("{not json", 0, new String[] {"not valid JSON"}),
                Arguments.of("{} {}", 0, new String[] {"not valid JSON"}),
                Arguments.of("{\"a\":{" + ok + "},\"a\":{" + ok + "}}", 8, new String[] {"not valid JSON", "Duplicate field 'a'"}),
                Arguments.of("[1,2]", 0, new String[] {"JSON object", "ARRAY"}),
                Arguments.of("", 0, new String[] {"JSON object"}),
                Arguments.of("{\"t\":[]}", 0, new String[] {"'t'", "must be an object"}),
                Arguments.of("{\"t\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "missing 'dtype'"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "missing 'shape'"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, new String[] {"'t'", "missing 'data_offsets'"}),
                Arguments.of("{\"t\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "dtype must be a string"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "shape must be an array"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "dimension 0", "integer"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[4294967298],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "32 bits"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":{}}}", 8, new String[] {"'t'", "data_offsets must be an array"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8, new String[] {"'t'", "two integers"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 8, new String[] {"'t'", "non-negative"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,\"8\"]}}", 8, new String[] {"'t'", "non-negative"}),
                Arguments.of("{\"t\":{\"dtype\":\"F7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "unknown dtype 'F7'"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "negative"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", 8,
                        new String[] {"'t'", "overflows"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, new String[] {"'t'", "span 8 bytes", "needs 12"}),
                Arguments.of("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, new String[] {"'t'", "begin 8 is after end 0"}),
                Arguments.of("{\"t\":{" + ok.replace("[0,8]", "[4,12]") + "}}", 8, new String[] {"'t'", "outside the data area of 8 bytes"}),
                Arguments.of("{\"a\":{" + ok + "},\"b\":{" + ok.replace("[0,8]", "[4,12]") + "}}", 12, new String[] {"'a'", "'b'", "overlap"}),
                Arguments.of("{\"__metadata__\":[\"x\"]}", 0, new String[] {"__metadata__", "object of strings"}),
                Arguments.of("{\"__metadata__\":{\"k\":1}}", 0, new String[] {"__metadata__", "'k'", "must be a string"}));
    }

    @ParameterizedTest
    @MethodSource("brokenHeaders")
    void brokenHeaderIsRefusedWithItsRule(String header, int dataBytes, String[] parts) throws IOException {
        assertRefused(craft(header, dataBytes), parts);
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[5]);
        assertRefused(file, "5 bytes", "shorter than the 8-byte");
        Files.write(file, new byte[0]);
        assertRefused(file, "0 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = dir.resolve("long.safetensors");
        Files.write(file, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(5).array());
        assertRefused(file, "header length 5", "4 bytes");
        Files.write(file, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array());
        assertRefused(file, "header length 18446744073709551615");
    }

    @Test
    void headerLengthOverTheLimit() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        long n = SafetensorsHeader.MAX_HEADER_BYTES + 1;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 + n); // sparse: costs no disk
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
        }
        assertRefused(file, "header length " + n, "limit");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] header = "{\"__metadata__\":{\"k\":\"?\"}}".getBytes(StandardCharsets.US_ASCII);
        header[header.length - 4] = (byte) 0xFF;
        assertRefused(craft(header, 0), "not valid UTF-8");
    }

    @Test
    void tooManyTensors() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i <= SafetensorsHeader.MAX_TENSORS; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(i).append("\":0");
        }
        assertRefused(craft(json.append('}').toString(), 0), "1000001 tensors", "limit");
    }

    @Test
    void missingFileOrFolderIsNamed() throws IOException {
        assertRefused(dir.resolve("absent.safetensors"), "cannot read");
        assertRefused(Files.createDirectory(dir.resolve("folder.safetensors")), "cannot read");
    }
}
