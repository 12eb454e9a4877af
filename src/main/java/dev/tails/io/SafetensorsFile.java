package dev.tails.io;

import dev.tails.TailsException;
import dev.tails.tensor.FloatTensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

/**
 * A memory-mapped safetensors file. The header is validated on open; tensors are copied out of the
 * mapping on request (F16/BF16 widened, F64 narrowed to F32). The mapping lives until {@link #close}.
 * Safe to read from several threads; not safe to close while others read.
 */
public final class SafetensorsFile implements AutoCloseable {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final SafetensorsHeader header;
    private volatile boolean closed;

    private SafetensorsFile(Path path, Arena arena, MemorySegment file, SafetensorsHeader header) {
        this.path = path;
        this.arena = arena;
        this.header = header;
        this.data = file.asSlice(header.dataStart());
    }

    public static SafetensorsFile open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new SafetensorsFile(file, arena, mapped, SafetensorsHeader.parse(mapped, file));
        } catch (IOException e) {
            arena.close();
            throw new TailsException("cannot read safetensors file " + file + ": " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order, without {@code __metadata__}. */
    public Set<String> names() {
        return header.tensors().keySet();
    }

    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new TailsException("tensor '" + name + "' not found in " + path);
        }
        return info;
    }

    public Map<String, String> metadata() {
        return header.metadata();
    }

    public FloatTensor floats(String name) {
        TensorInfo info = info(name);
        float[] out = new float[arrayLength(info)];
        readFloats(name, 0, out, 0, out.length);
        return new FloatTensor(info.shape(), out);
    }

    /**
     * Elements [from, from + n) of a tensor (flat, row-major) into dst at off, widened or narrowed
     * as {@link #floats}: lets a caller read a big tensor a block at a time instead of whole.
     */
    public void readFloats(String name, long from, float[] dst, int off, int n) {
        TensorInfo info = info(name);
        if (from < 0 || n < 0 || from + n > info.elementCount()) {
            throw new TailsException("elements [" + from + ", " + (from + n) + ") of tensor '" + name + "' in " + path
                    + " are out of its " + info.elementCount());
        }
        MemorySegment bytes = bytes(info);
        switch (info.dtype()) {
            case F32 -> MemorySegment.copy(bytes, F32, 4 * from, dst, off, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.float16ToFloat(bytes.getAtIndex(I16, from + i));
                }
            }
            case BF16 -> {
                // bfloat16 is the top half of an IEEE float32
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.intBitsToFloat(bytes.getAtIndex(I16, from + i) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) bytes.getAtIndex(F64, from + i);
                }
            }
            default -> throw new TailsException("tensor '" + name + "' in " + path + " has dtype " + info.dtype()
                    + ", which cannot be read as floats (F32, F16, BF16 or F64 expected)");
        }
    }

    public long[] longs(String name) {
        TensorInfo info = info(name);
        int n = arrayLength(info);
        MemorySegment bytes = bytes(info);
        long[] out = new long[n];
        switch (info.dtype()) {
            case I64 -> MemorySegment.copy(bytes, I64, 0, out, 0, n);
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = bytes.getAtIndex(I32, i);
                }
            }
            default -> throw new TailsException("tensor '" + name + "' in " + path + " has dtype " + info.dtype()
                    + ", which cannot be read as integers (I64 or I32 expected)");
        }
        return out;
    }

    private int arrayLength(TensorInfo info) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new TailsException("tensor '" + info.name() + "' in " + path + " has " + n
                    + " elements, more than a Java array holds");
        }
        return (int) n;
    }

    private MemorySegment bytes(TensorInfo info) {
        if (closed) {
            throw new TailsException("cannot read tensor '" + info.name() + "': " + path + " is closed");
        }
        return data.asSlice(info.begin(), info.byteLength());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + names().size() + " tensors]";
    }
}
