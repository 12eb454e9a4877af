package dev.tails.io.onnx;

import dev.tails.TailsException;
import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;
import dev.tails.tensor.FloatTensor;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * One ONNX {@code TensorProto}: a graph initializer or the value of a Constant node. Float32 and
 * int64 values are decoded (and their count checked against the shape) when the file is read;
 * other element types keep only their type, so asking for their values is a clear error.
 */
public final class TensorProto {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final String name;
    private final int dataType;
    private final int[] dims;
    private final float[] floats;
    private final long[] longs;
    private final String where;

    private TensorProto(String name, int dataType, int[] dims, float[] floats, long[] longs, String where) {
        this.name = name;
        this.dataType = dataType;
        this.dims = dims;
        this.floats = floats;
        this.longs = longs;
        this.where = where;
    }

    public String name() {
        return name;
    }

    public int dataType() {
        return dataType;
    }

    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int elementCount() {
        return elementCount(dims, where);
    }

    public boolean isFloat() {
        return dataType == FLOAT;
    }

    /** The values, shared with this tensor (do not modify); refused for any type but float32. */
    public float[] floats() {
        if (floats == null) {
            throw new TailsException(where + ": holds " + typeName(dataType) + " values where float32 was expected");
        }
        return floats;
    }

    /** The float32 values with their shape (sharing the array). */
    public FloatTensor asFloatTensor() {
        return new FloatTensor(dims, floats());
    }

    /** The values of an int64 tensor (shapes, indices); refused for any other type. */
    public long[] longs() {
        if (longs == null) {
            throw new TailsException(where + ": holds " + typeName(dataType) + " values where int64 was expected");
        }
        return longs.clone();
    }

    /**
     * Parses a TensorProto message. Fields: 1 dims, 2 data_type, 4 float_data, 7 int64_data,
     * 8 name, 9 raw_data, 13 external_data, 14 data_location (1 = external).
     */
    static TensorProto parse(ByteCursor in, String context) {
        LongStream.Builder dims = LongStream.builder();
        DoubleStream.Builder floatData = DoubleStream.builder();
        LongStream.Builder int64Data = LongStream.builder();
        String[] name = {""};
        int[] dataType = {0};
        ByteCursor[] raw = {null};
        Proto.forEachField(in, (number, wire, f) -> {
            switch (number) {
                case 1 -> Proto.repeatedVarint(f, wire, "dims", dims);
                case 2 -> dataType[0] = (int) Proto.varint(f, wire, "data_type");
                case 4 -> Proto.repeatedFloat(f, wire, "float_data", floatData::add);
                case 7 -> Proto.repeatedVarint(f, wire, "int64_data", int64Data);
                case 8 -> name[0] = Proto.string(f, wire, "name");
                case 9 -> raw[0] = Proto.message(f, wire, "raw_data");
                case 13 -> throw f.fail("tensor '" + name[0] + "' keeps its values in an external file, which is not supported");
                case 14 -> {
                    if (Proto.varint(f, wire, "data_location") != 0) {
                        throw f.fail("tensor '" + name[0] + "' keeps its values in an external file, which is not supported");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        String where = context + ", tensor '" + name[0] + "'";
        int[] shape = shape(dims.build().toArray(), where);
        int count = elementCount(shape, where);
        return switch (dataType[0]) {
            case FLOAT -> new TensorProto(name[0], FLOAT, shape, floatValues(raw[0], floatData, count, where), null, where);
            case INT64 -> new TensorProto(name[0], INT64, shape, null, longValues(raw[0], int64Data, count, where), where);
            default -> new TensorProto(name[0], dataType[0], shape, null, null, where);
        };
    }

    private static float[] floatValues(ByteCursor raw, DoubleStream.Builder listed, int count, String where) {
        if (raw != null) {
            float[] values = new float[rawCount(raw, count, Float.BYTES, where)];
            raw.floatsLittleEndian(values);
            return values;
        }
        double[] values = listed.build().toArray();
        checkCount(count, values.length, where);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static long[] longValues(ByteCursor raw, LongStream.Builder listed, int count, String where) {
        if (raw != null) {
            long[] values = new long[rawCount(raw, count, Long.BYTES, where)];
            raw.longsLittleEndian(values);
            return values;
        }
        long[] values = listed.build().toArray();
        checkCount(count, values.length, where);
        return values;
    }

    /** The shape's value count, after checking raw_data holds exactly that many values of {@code width} bytes. */
    private static int rawCount(ByteCursor raw, int count, int width, String where) {
        if (raw.remaining() % width != 0) {
            throw new TailsException(where + ": raw_data of " + raw.remaining() + " bytes is not a whole number of "
                    + width + "-byte values");
        }
        checkCount(count, raw.remaining() / width, where);
        return count;
    }

    private static void checkCount(long expected, long actual, String where) {
        if (expected != actual) {
            throw new TailsException(where + ": shape holds " + expected + " values but the data has " + actual);
        }
    }

    private static int[] shape(long[] dims, String where) {
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new TailsException(where + ": dimension " + dims[i] + " in " + Arrays.toString(dims));
            }
            shape[i] = (int) dims[i];
        }
        return shape;
    }

    private static int elementCount(int[] shape, String where) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new TailsException(where + ": shape " + Arrays.toString(shape) + " has more values than an array holds");
            }
        }
        return (int) n;
    }

    private static String typeName(int dataType) {
        return switch (dataType) {
            case 0 -> "no (undefined)";
            case FLOAT -> "float32";
            case INT64 -> "int64";
            case 2 -> "uint8";
            case 3 -> "int8 (quantized)";
            case 6 -> "int32";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "double";
            case 16 -> "bfloat16";
            default -> "data type " + dataType;
        };
    }

    @Override
    public String toString() {
        return "'" + name + "' " + typeName(dataType) + " " + Arrays.toString(dims);
    }
}
