package dev.tails.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file. Everything a later read relies on is checked here,
 * once, so that reading a tensor can never run outside the file or misread its size.
 */
record SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final int MAX_TENSORS = 1_000_000;

    static SafetensorsHeader parse(MemorySegment file, Path path) {
        long size = file.byteSize();
        if (size < 8) {
            throw new TailsException(path + ": file is " + size + " bytes, shorter than the 8-byte header length");
        }
        long n = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        // n is an unsigned u64: a negative long is a length beyond any file
        if (n < 0 || n > size - 8) {
            throw new TailsException(path + ": header length " + Long.toUnsignedString(n)
                    + " exceeds the " + (size - 8) + " bytes after the length field");
        }
        if (n > MAX_HEADER_BYTES) {
            throw new TailsException(path + ": header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        JsonNode root = readJson(file.asSlice(8, n), path);
        long dataSize = size - 8 - n;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(SafetensorsWriter.METADATA_KEY)) {
                metadata = metadata(e.getValue(), path);
            } else {
                tensors.put(e.getKey(), entry(e.getKey(), e.getValue(), dataSize, path));
            }
        }
        checkNoOverlap(tensors, path);
        return new SafetensorsHeader(Collections.unmodifiableMap(tensors), metadata, 8 + n);
    }

    private static JsonNode readJson(MemorySegment bytes, Path path) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toArray(ValueLayout.JAVA_BYTE))).toString();
        } catch (CharacterCodingException e) {
            throw new TailsException(path + ": header is not valid UTF-8 (" + e + ")", e);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new TailsException(path + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TailsException(path + ": header must be a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        int count = root.size() - (root.has(SafetensorsWriter.METADATA_KEY) ? 1 : 0);
        if (count > MAX_TENSORS) {
            throw new TailsException(path + ": header lists " + count + " tensors, more than the limit of " + MAX_TENSORS);
        }
        return root;
    }

    private static Map<String, String> metadata(JsonNode node, Path path) {
        if (!node.isObject()) {
            throw new TailsException(path + ": __metadata__ must be an object of strings, found " + node.getNodeType());
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new TailsException(path + ": __metadata__ value of '" + e.getKey() + "' must be a string, found "
                        + e.getValue().getNodeType());
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(map);
    }

    private static TensorInfo entry(String name, JsonNode node, long dataSize, Path path) {
        String where = "tensor '" + name + "' in " + path;
        if (!node.isObject()) {
            throw new TailsException(where + ": entry must be an object, found " + node.getNodeType());
        }
        JsonNode dtypeNode = field(node, "dtype", where);
        if (!dtypeNode.isTextual()) {
            throw new TailsException(where + ": dtype must be a string, found " + dtypeNode.getNodeType());
        }
        DType dtype = DType.parse(dtypeNode.textValue(), where);
        int[] shape = shape(field(node, "shape", where), where);
        long[] offsets = offsets(field(node, "data_offsets", where), where);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new TailsException(where + ": data_offsets begin " + begin + " is after end " + end);
        }
        if (end > dataSize) {
            throw new TailsException(where + ": data_offsets [" + begin + ", " + end
                    + "] lie outside the data area of " + dataSize + " bytes");
        }
        long bytes;
        try {
            long count = 1;
            for (int d : shape) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new TailsException(where + ": shape " + Arrays.toString(shape) + " overflows a 64-bit size", e);
        }
        if (end - begin != bytes) {
            throw new TailsException(where + ": data_offsets span " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static JsonNode field(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new TailsException(where + ": entry is missing '" + key + "'");
        }
        return value;
    }

    private static int[] shape(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new TailsException(where + ": shape must be an array, found " + node.getNodeType());
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt()) {
                throw new TailsException(where + ": shape dimension " + i + " must be an integer that fits in 32 bits, found " + d);
            }
            if (d.intValue() < 0) {
                throw new TailsException(where + ": shape dimension " + i + " is negative (" + d.intValue() + ")");
            }
            shape[i] = d.intValue();
        }
        return shape;
    }

    private static long[] offsets(JsonNode node, String where) {
        if (!node.isArray() || node.size() != 2) {
            throw new TailsException(where + ": data_offsets must be an array of two integers, found " + node);
        }
        long[] offsets = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = node.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new TailsException(where + ": data_offsets must be non-negative 64-bit integers, found " + o);
            }
            offsets[i] = o.longValue();
        }
        return offsets;
    }

    /** Two tensors sharing bytes would alias each other; empty tensors occupy nothing and cannot. */
    private static void checkNoOverlap(Map<String, TensorInfo> tensors, Path path) {
        List<TensorInfo> sorted = new ArrayList<>();
        for (TensorInfo t : tensors.values()) {
            if (t.begin() < t.end()) {
                sorted.add(t);
            }
        }
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo previous = sorted.get(i - 1);
            TensorInfo t = sorted.get(i);
            if (t.begin() < previous.end()) {
                throw new TailsException(path + ": tensors '" + previous.name() + "' " + "[" + previous.begin() + ", "
                        + previous.end() + ") and '" + t.name() + "' [" + t.begin() + ", " + t.end() + ") overlap");
            }
        }
    }
}
