package dev.tails.io.tf;

import dev.tails.TailsException;
import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;
import dev.tails.tensor.FloatTensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.zip.CRC32C;

/**
 * A TensorFlow tensor bundle ({@code PREFIX.index} + {@code PREFIX.data-%05d-of-%05d}), as a SavedModel
 * keeps in {@code variables/}. The index is read and checked on open; tensor bytes are read on
 * demand and verified against their crc32c before they are returned.
 */
public final class TensorBundle implements AutoCloseable {
    private final Path indexFile;
    private final SequencedMap<String, BundleEntry> entries;
    private final List<Path> shardFiles;
    private final List<FileChannel> shards = new ArrayList<>();

    private TensorBundle(Path indexFile, SequencedMap<String, BundleEntry> entries, List<Path> shardFiles) {
        this.indexFile = indexFile;
        this.entries = entries;
        this.shardFiles = shardFiles;
    }

    /** Opens {@code variables/variables.index} under a SavedModel directory, or a bundle prefix's index file. */
    public static TensorBundle open(Path savedModelDirOrIndex) {
        Path index = Files.isDirectory(savedModelDirOrIndex)
                ? savedModelDirOrIndex.resolve("variables").resolve("variables.index")
                : savedModelDirOrIndex;
        if (!Files.isRegularFile(index)) {
            throw new TailsException(index + ": no tensor-bundle index here (expected variables/variables.index)");
        }
        String name = index.getFileName().toString();
        if (!name.endsWith(".index")) {
            throw new TailsException(index + ": a tensor-bundle index is named PREFIX.index");
        }
        String prefix = name.substring(0, name.length() - ".index".length());
        String where = index.toString();

        SequencedMap<String, byte[]> raw = LevelDbTable.read(index);
        byte[] header = raw.get("");
        if (header == null) {
            throw new TailsException(where + ": no bundle header (the entry under the empty key)");
        }
        int numShards = parseHeader(header, where);
        SequencedMap<String, BundleEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            if (e.getKey().isEmpty()) {
                continue;
            }
            BundleEntry entry = BundleEntry.parse(e.getKey(), e.getValue(), where);
            if (entry.shardId() >= numShards) {
                throw new TailsException(where + ", tensor '" + entry.name() + "': shard " + entry.shardId()
                        + " but the header declares " + numShards + " shard(s)");
            }
            entries.put(entry.name(), entry);
        }
        List<Path> shardFiles = new ArrayList<>();
        for (int i = 0; i < numShards; i++) {
            shardFiles.add(index.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix, i, numShards)));
        }
        TensorBundle bundle = new TensorBundle(index, Collections.unmodifiableSequencedMap(entries), shardFiles);
        bundle.openShards();
        return bundle;
    }

    /** BundleHeaderProto: 1 num_shards, 2 endianness (0 = little). */
    private static int parseHeader(byte[] header, String where) {
        int[] numShards = {0};
        Proto.forEachField(new ByteCursor(header, where + ", bundle header"), (number, wire, in) -> {
            switch (number) {
                case 1 -> {
                    long n = Proto.varint(in, wire, "num_shards");
                    if (n < 1 || n > 99_999) {
                        throw in.fail("num_shards " + n + " is outside 1..99999");
                    }
                    numShards[0] = (int) n;
                }
                case 2 -> {
                    if (Proto.varint(in, wire, "endianness") != 0) {
                        throw in.fail("big-endian bundles are not supported");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (numShards[0] == 0) {
            throw new TailsException(where + ": bundle header has no num_shards");
        }
        return numShards[0];
    }

    private void openShards() {
        try {
            for (Path p : shardFiles) {
                shards.add(FileChannel.open(p, StandardOpenOption.READ));
            }
        } catch (IOException e) {
            close();
            throw new TailsException(indexFile + ": cannot open data shard (" + e.getMessage() + ")", e);
        }
    }

    /** Tensor names in index (byte) order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    public BundleEntry entry(String name) {
        BundleEntry e = entries.get(name);
        if (e == null) {
            throw new TailsException(indexFile + ": no tensor named '" + name + "'");
        }
        return e;
    }

    /** A float32 tensor's values, after checking its size against its shape and its bytes against the crc32c. */
    public FloatTensor floats(String name) {
        BundleEntry e = entry(name);
        if (e.dtype() != BundleEntry.DT_FLOAT) {
            throw new TailsException(indexFile + ", tensor '" + name + "': dtype " + e.dtype()
                    + ", only float32 (1) can be read as floats");
        }
        long expected = e.elementCount() * 4;  // at most 4 * Integer.MAX_VALUE: no overflow
        if (e.size() != expected) {
            throw new TailsException(indexFile + ", tensor '" + name + "': " + e.size()
                    + " bytes for a float32 tensor of " + e.elementCount() + " values");
        }
        ByteBuffer bytes = bytes(e);
        float[] data = new float[(int) (expected / 4)];
        bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new FloatTensor(e.shape(), data);
    }

    /** The tensor's raw bytes, verified against its crc32c. */
    public ByteBuffer bytes(BundleEntry e) {
        Path file = shardFiles.get(e.shardId());
        String where = file + ", tensor '" + e.name() + "'";
        try {
            FileChannel ch = shards.get(e.shardId());
            if (e.size() > Integer.MAX_VALUE - 8 || e.offset() > ch.size() - e.size()) {
                throw new TailsException(where + ": bytes [" + e.offset() + ", +" + e.size()
                        + ") run past the end of the " + ch.size() + "-byte data file");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) e.size());
            while (buf.hasRemaining()) {
                if (ch.read(buf, e.offset() + buf.position()) < 0) {
                    throw new TailsException(where + ": data file ended while reading");
                }
            }
            buf.flip();
            CRC32C crc = new CRC32C();
            crc.update(buf.duplicate());
            int actual = (int) crc.getValue();
            int stored = MaskedCrc32c.unmask(e.crc32c());
            if (actual != stored) {
                throw new TailsException(where + ": crc32c mismatch (stored 0x" + Integer.toHexString(stored)
                        + ", computed 0x" + Integer.toHexString(actual) + "): the data is corrupted");
            }
            return buf;
        } catch (IOException ex) {
            throw new TailsException(where + ": cannot read (" + ex.getMessage() + ")", ex);
        }
    }

    @Override
    public void close() {
        for (FileChannel ch : shards) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a read-only channel cannot lose data
            }
        }
        shards.clear();
    }
}
