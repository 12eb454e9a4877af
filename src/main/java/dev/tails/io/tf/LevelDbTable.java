package dev.tails.io.tf;

import dev.tails.TailsException;
import dev.tails.io.proto.ByteCursor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.zip.CRC32C;

/**
 * Reads a whole LevelDB table (SSTable), the format of TensorFlow's {@code variables.index}: footer
 * -> index block -> data blocks, each block a run of prefix-compressed entries followed by its
 * restart array and a (compression type, masked crc32c) trailer. Only uncompressed blocks occur in
 * tensor bundles, so Snappy is refused rather than supported.
 */
public final class LevelDbTable {
    static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_SIZE = 48;
    static final int TRAILER_SIZE = 5;
    /** Tensor-bundle indexes are kilobytes; anything this large is not one and would only exhaust memory. */
    private static final long MAX_TABLE_BYTES = 1L << 30;

    private LevelDbTable() {
    }

    /** All entries in key order, keys decoded as UTF-8. */
    public static SequencedMap<String, byte[]> read(Path file) {
        return parse(readAll(file), file.toString());
    }

    static SequencedMap<String, byte[]> parse(byte[] table, String where) {
        if (table.length < FOOTER_SIZE) {
            throw new TailsException(where + ": " + table.length + " bytes is shorter than the "
                    + FOOTER_SIZE + "-byte LevelDB footer (truncated index?)");
        }
        ByteCursor footer = new ByteCursor(table, table.length - FOOTER_SIZE, table.length, where + ", footer");
        footer.skip(FOOTER_SIZE - 8);
        long magic = footer.fixed64();
        if (magic != MAGIC) {
            throw new TailsException(where + ": footer magic is 0x" + Long.toHexString(magic)
                    + ", a LevelDB table ends with 0x" + Long.toHexString(MAGIC) + " (truncated or not an index?)");
        }
        footer = new ByteCursor(table, table.length - FOOTER_SIZE, table.length - 8, where + ", footer");
        footer.varint64();  // metaindex offset: tensor bundles keep nothing there
        footer.varint64();  // metaindex size
        Block index = block(table, footer, where + ", index block");

        SequencedMap<String, byte[]> entries = new LinkedHashMap<>();
        byte[][] lastKey = {null};
        forEachEntry(table, index, (key, handle) -> {
            Block data = block(table, new ByteCursor(handle, where + ", index entry"), where + ", data block");
            forEachEntry(table, data, (k, v) -> {
                if (lastKey[0] != null && Arrays.compareUnsigned(lastKey[0], k) >= 0) {
                    throw new TailsException(where + ": key '" + utf8(k) + "' does not sort after '"
                            + utf8(lastKey[0]) + "' (LevelDB keys are strictly increasing)");
                }
                lastKey[0] = k;
                entries.put(utf8(k), v);
            });
        });
        return entries;
    }

    /** A checked block: bytes [start, end) of the table, trailer excluded. */
    private record Block(int start, int end, String where) {
    }

    /** Reads the block handle (varint offset, varint size) at {@code handle} and checks the block's trailer. */
    private static Block block(byte[] table, ByteCursor handle, String what) {
        long offset = handle.varint64();
        long size = handle.varint64();
        long limit = table.length - FOOTER_SIZE;
        if (offset < 0 || size < 0 || size > limit || offset > limit - size - TRAILER_SIZE) {
            throw new TailsException(what + ": handle (offset " + offset + ", size " + size
                    + ") runs past the " + limit + " bytes before the footer");
        }
        int start = (int) offset;
        int end = start + (int) size;
        if (table[end] != 0) {
            throw new TailsException(what + " at " + start + ": compression type " + table[end]
                    + ", only 0 (none) occurs in tensor bundles");
        }
        CRC32C crc = new CRC32C();
        crc.update(table, start, (int) size + 1);  // LevelDB checksums the contents and the type byte
        int stored = new ByteCursor(table, end + 1, end + TRAILER_SIZE, what).fixed32();
        if (MaskedCrc32c.unmask(stored) != (int) crc.getValue()) {
            throw new TailsException(what + " at " + start + ": crc32c mismatch (block corrupted)");
        }
        return new Block(start, end, what + " at " + start);
    }

    private interface EntryConsumer {
        void accept(byte[] key, byte[] value);
    }

    /** Walks a block's entries, rebuilding each key from the shared prefix of the previous one. */
    private static void forEachEntry(byte[] table, Block block, EntryConsumer consumer) {
        int size = block.end - block.start;
        if (size < 4) {
            throw new TailsException(block.where + ": " + size + " bytes cannot hold a restart count");
        }
        long restarts = new ByteCursor(table, block.end - 4, block.end, block.where).fixed32() & 0xffffffffL;
        long restartBytes = 4 * restarts + 4;
        if (restarts == 0 || restartBytes > size) {
            throw new TailsException(block.where + ": restart count " + restarts
                    + " does not fit a block of " + size + " bytes");
        }
        ByteCursor entries = new ByteCursor(table, block.start, block.end - (int) restartBytes, block.where);
        byte[] key = new byte[0];
        while (entries.hasMore()) {
            int shared = entries.varintLength();
            int unshared = entries.varintLength();
            int valueLength = entries.varintLength();
            if (shared > key.length) {
                throw entries.fail("entry shares " + shared + " bytes with a previous key of " + key.length);
            }
            byte[] next = Arrays.copyOf(key, shared + unshared);
            System.arraycopy(entries.bytes(unshared), 0, next, shared, unshared);
            key = next;
            consumer.accept(key, entries.bytes(valueLength));
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_TABLE_BYTES) {
                throw new TailsException(file + ": " + size + " bytes is too large for a tensor-bundle index");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read the index (" + e.getMessage() + ")", e);
        }
    }
}
