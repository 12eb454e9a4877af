package dev.tails.io.tf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Test-only writer of a one-shard float32 tensor bundle, built from the format facts alone
 * (DESIGN.md §9): one prefix-compressed data block, an empty metaindex block, an index block, the
 * footer; tensors back to back in the data file with their masked crc32c.
 */
final class TestBundleWriter {
    private final TreeMap<String, float[]> values = new TreeMap<>();  // String order = byte order for ASCII names
    private final TreeMap<String, int[]> shapes = new TreeMap<>();

    TestBundleWriter add(String name, int[] shape, float[] data) {
        values.put(name, data);
        shapes.put(name, shape);
        return this;
    }

    TestBundleWriter remove(String name) {
        values.remove(name);
        shapes.remove(name);
        return this;
    }

    /** Writes {@code dir/variables/variables.index} and {@code variables.data-00000-of-00001}; returns the index path. */
    Path write(Path dir) throws IOException {
        Path vars = Files.createDirectories(dir.resolve("variables"));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        TreeMap<String, byte[]> entries = new TreeMap<>();
        entries.put("", new byte[] {0x08, 0x01});  // BundleHeaderProto num_shards = 1
        for (String name : values.keySet()) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.get(name).length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values.get(name));
            CRC32C crc = new CRC32C();
            crc.update(bytes.array());
            entries.put(name, entry(shapes.get(name), data.size(), bytes.array().length, (int) crc.getValue()));
            data.write(bytes.array());
        }
        Files.write(vars.resolve("variables.data-00000-of-00001"), data.toByteArray());

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        byte[] dataHandle = block(table, entries);
        byte[] metaHandle = block(table, new TreeMap<>());
        byte[] indexHandle = block(table, new TreeMap<>(Map.of(entries.lastKey(), dataHandle)));
        byte[] footer = new byte[LevelDbTable.FOOTER_SIZE];
        byte[] handles = concat(metaHandle, indexHandle);
        System.arraycopy(handles, 0, footer, 0, handles.length);
        ByteBuffer.wrap(footer, 40, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(LevelDbTable.MAGIC);
        table.write(footer);
        Path index = vars.resolve("variables.index");
        Files.write(index, table.toByteArray());
        return index;
    }

    /** BundleEntryProto: dtype float, shape, offset, size, masked crc32c. */
    private static byte[] entry(int[] shape, long offset, long size, int crc) {
        ByteArrayOutputStream shapeProto = new ByteArrayOutputStream();
        for (int d : shape) {
            byte[] dim = concat(new byte[] {0x08}, varint(d));
            shapeProto.writeBytes(concat(new byte[] {0x12}, varint(dim.length), dim));
        }
        byte[] s = shapeProto.toByteArray();
        byte[] masked = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(MaskedCrc32c.mask(crc)).array();
        return concat(new byte[] {0x08, 0x01, 0x12}, varint(s.length), s,
                new byte[] {0x20}, varint(offset), new byte[] {0x28}, varint(size), new byte[] {0x35}, masked);
    }

    /** Appends a block (one restart point) with its trailer; returns its handle. */
    private static byte[] block(ByteArrayOutputStream table, TreeMap<String, byte[]> kv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] prev = new byte[0];
        for (var e : kv.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            int mismatch = Arrays.mismatch(prev, key);
            int shared = mismatch < 0 ? key.length : mismatch;
            b.writeBytes(concat(varint(shared), varint(key.length - shared), varint(e.getValue().length)));
            b.writeBytes(Arrays.copyOfRange(key, shared, key.length));
            b.writeBytes(e.getValue());
            prev = key;
        }
        b.writeBytes(new byte[] {0, 0, 0, 0, 1, 0, 0, 0});  // restarts [0], count 1
        byte[] contents = b.toByteArray();
        byte[] handle = concat(varint(table.size()), varint(contents.length));
        CRC32C crc = new CRC32C();
        crc.update(contents);
        crc.update(0);
        table.writeBytes(contents);
        table.write(0);
        table.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MaskedCrc32c.mask((int) crc.getValue())).array());
        return handle;
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
