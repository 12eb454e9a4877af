package dev.tails.io.tf;

import dev.tails.TailsException;
import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tensor's entry in a bundle index (TensorFlow's BundleEntryProto): where its bytes live and
 * the masked crc32c they must have.
 *
 * @param dtype   TensorFlow DataType number ({@link #DT_FLOAT} = float32)
 * @param shape   dimensions, outermost first
 * @param shardId which {@code variables.data-%05d-of-%05d} file holds the bytes
 * @param crc32c  the masked crc32c as stored
 */
public record BundleEntry(String name, int dtype, int[] shape, int shardId, long offset, long size, int crc32c) {
    public static final int DT_FLOAT = 1;

    public BundleEntry {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values, refusing shapes whose product no array could hold. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new TailsException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has more values than an array can hold");
            }
        }
        return n;
    }

    /** Parses a BundleEntryProto value; {@code where} names the index file for error messages. */
    static BundleEntry parse(String name, byte[] value, String where) {
        String context = where + ", tensor '" + name + "'";
        int[] dtype = {0};
        int[] shardId = {0};
        long[] offsetSize = {0, 0};
        int[] crc = {0};
        boolean[] hasCrc = {false};
        List<Integer> dims = new ArrayList<>();
        Proto.forEachField(new ByteCursor(value, context), (number, wire, in) -> {
            switch (number) {
                case 1 -> dtype[0] = (int) Proto.varint(in, wire, "dtype");
                case 2 -> readShape(Proto.message(in, wire, "shape"), dims);
                case 3 -> shardId[0] = nonNegativeInt(in, Proto.varint(in, wire, "shard_id"), "shard_id");
                case 4 -> offsetSize[0] = nonNegative(in, Proto.varint(in, wire, "offset"), "offset");
                case 5 -> offsetSize[1] = nonNegative(in, Proto.varint(in, wire, "size"), "size");
                case 6 -> {
                    crc[0] = Proto.fixed32(in, wire, "crc32c");
                    hasCrc[0] = true;
                }
                case 7 -> throw in.fail("partitioned (sliced) variables are not supported");
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (!hasCrc[0]) {
            throw new TailsException(context + ": entry has no crc32c, so its bytes cannot be verified");
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return new BundleEntry(name, dtype[0], shape, shardId[0], offsetSize[0], offsetSize[1], crc[0]);
    }

    /** TensorShapeProto: repeated field 2 = Dim, whose field 1 = size. */
    private static void readShape(ByteCursor shape, List<Integer> dims) {
        Proto.forEachField(shape, (number, wire, in) -> {
            if (number == 3 && Proto.varint(in, wire, "unknown_rank") != 0) {
                throw in.fail("shape of unknown rank");
            }
            if (number != 2) {
                return number == 3;
            }
            long[] size = {0};
            Proto.forEachField(Proto.message(in, wire, "dim"), (n, w, d) -> {
                if (n != 1) {
                    return false;
                }
                size[0] = Proto.varint(d, w, "dim.size");
                return true;
            });
            dims.add(nonNegativeInt(in, size[0], "dim.size"));
            return true;
        });
    }

    private static long nonNegative(ByteCursor in, long v, String field) {
        if (v < 0) {
            throw in.fail(field + " is negative (" + v + ")");
        }
        return v;
    }

    private static int nonNegativeInt(ByteCursor in, long v, String field) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw in.fail(field + " " + v + " is not a non-negative int");
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return name + " dtype " + dtype + " " + Arrays.toString(shape) + " shard " + shardId
                + " @" + offset + "+" + size;
    }
}
