package dev.tails.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a safetensors file: tensors are laid out contiguously in the order they were put, the
 * header is padded with spaces to 8-byte alignment as the Rust library does, data is little-endian.
 * The arrays passed in are not copied; they are read when {@link #write} runs.
 */
public final class SafetensorsWriter implements TensorFileWriter {
    static final String METADATA_KEY = "__metadata__";
    private static final ValueLayout.OfLong HEADER_LENGTH = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A tensor waiting to be written: its values as heap segments written one after the other, and the layout of one value. */
    private record Pending(String name, DType dtype, int[] shape, List<MemorySegment> values, ValueLayout layout) {
        long byteLength() {
            return values.stream().mapToLong(MemorySegment::byteSize).sum();
        }
    }

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    @Override
    public SafetensorsWriter putF32(String name, int[] shape, float[] data) {
        present(data, name);
        return put(name, DType.F32, shape, data.length, List.of(MemorySegment.ofArray(data)), ValueLayout.JAVA_FLOAT_UNALIGNED);
    }

    /** One tensor whose values are the pieces one after the other (e.g. the rows of many texts), never copied into one array. */
    @Override
    public SafetensorsWriter putF32(String name, int[] shape, List<float[]> pieces) {
        present(pieces, name);
        pieces.forEach(p -> present(p, name));
        return put(name, DType.F32, shape, pieces.stream().mapToLong(p -> p.length).sum(),
                pieces.stream().map(MemorySegment::ofArray).toList(), ValueLayout.JAVA_FLOAT_UNALIGNED);
    }

    public SafetensorsWriter putF32(String name, FloatTensor tensor) {
        return putF32(name, tensor.shape(), tensor.data());
    }

    @Override
    public SafetensorsWriter putI64(String name, int[] shape, long[] data) {
        present(data, name);
        return put(name, DType.I64, shape, data.length, List.of(MemorySegment.ofArray(data)), ValueLayout.JAVA_LONG_UNALIGNED);
    }

    public SafetensorsWriter putMetadata(String key, String value) {
        if (key == null || value == null) {
            throw new TailsException("metadata key and value must not be null (key '" + key + "')");
        }
        metadata.put(key, value);
        return this;
    }

    private SafetensorsWriter put(String name, DType dtype, int[] shape, long length, List<MemorySegment> values,
                                  ValueLayout layout) {
        present(shape, name);
        if (name == null || name.equals(METADATA_KEY)) {
            throw new TailsException("tensor name '" + name + "' is reserved or missing");
        }
        if (tensors.containsKey(name)) {
            throw new TailsException("tensor '" + name + "' was already put");
        }
        long expected;
        try {
            expected = FloatTensor.elementCount(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TailsException("tensor '" + name + "' has an invalid shape " + Arrays.toString(shape), e);
        }
        if (expected != length) {
            throw new TailsException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs " + expected + " values, got " + length);
        }
        tensors.put(name, new Pending(name, dtype, shape.clone(), values, layout));
        return this;
    }

    private static void present(Object shapeOrData, String name) {
        if (shapeOrData == null) {
            throw new TailsException("tensor '" + name + "' was given a null shape or data array");
        }
    }

    /** Writes to a temporary file beside {@code file}, then moves it into place, so readers never see half a file. */
    @Override
    public void write(Path file) {
        byte[] header = header();
        long dataStart = 8L + header.length;
        long total = dataStart + tensors.values().stream().mapToLong(Pending::byteLength).sum();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (Arena arena = Arena.ofConfined();
                 FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment out = channel.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
                out.set(HEADER_LENGTH, 0, header.length);
                MemorySegment.copy(header, 0, out, ValueLayout.JAVA_BYTE, 8, header.length);
                long offset = dataStart;
                for (Pending t : tensors.values()) {
                    for (MemorySegment piece : t.values) {
                        long count = piece.byteSize() / t.layout.byteSize();
                        MemorySegment.copy(piece, t.layout, 0, out, t.layout.withOrder(ByteOrder.LITTLE_ENDIAN), offset, count);
                        offset += piece.byteSize();
                    }
                }
                out.force();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new TailsException("cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] header() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            json.put(METADATA_KEY, metadata);
        }
        long offset = 0;
        for (Pending t : tensors.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype.name());
            entry.put("shape", t.shape);
            entry.put("data_offsets", new long[] {offset, offset + t.byteLength()});
            json.put(t.name, entry);
            offset += t.byteLength();
        }
        try {
            byte[] text = Json.MAPPER.writeValueAsBytes(json);
            byte[] bytes = Arrays.copyOf(text, (text.length + 7) & ~7);
            Arrays.fill(bytes, text.length, bytes.length, (byte) ' ');
            return bytes;
        } catch (JsonProcessingException e) {
            throw new TailsException("cannot encode safetensors header: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original failure is what the caller needs to see
        }
    }
}
