package dev.tails.io.onnx;

import dev.tails.TailsException;
import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The main graph of an ONNX model file: nodes in file order, initializers (the weights) by name,
 * and the names of the graph's inputs and outputs. Read through a bounds-checked cursor, so a
 * damaged or hostile file is a {@link TailsException} naming the file and the field.
 */
public record OnnxGraph(List<OnnxNode> nodes, SequencedMap<String, TensorProto> initializers,
                        List<String> inputs, List<String> outputs, String where) {

    /** Protobuf messages, and so ONNX files with their weights inside, stop at 2 GB. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public static OnnxGraph read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TailsException(file + ": " + Files.size(file) + " bytes; an ONNX file holding its weights stops at 2 GB "
                        + "(larger models keep them in external data files, which this reader does not follow)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parseModel(new ByteCursor(bytes, file.toString()), file.toString());
    }

    /** ModelProto: field 7 is the graph; the rest (producer, opsets, metadata) is not needed here. */
    static OnnxGraph parseModel(ByteCursor in, String where) {
        OnnxGraph[] graph = {null};
        Proto.forEachField(in, (number, wire, m) -> {
            if (number != 7) {
                return false;
            }
            if (graph[0] != null) {
                throw m.fail("the model holds two graphs");
            }
            graph[0] = parseGraph(Proto.message(m, wire, "graph"), where);
            return true;
        });
        if (graph[0] == null) {
            throw new TailsException(where + ": no graph (not an ONNX model file?)");
        }
        return graph[0];
    }

    /** GraphProto fields: 1 node, 5 initializer, 11 input, 12 output (ValueInfoProto, field 1 = name). */
    private static OnnxGraph parseGraph(ByteCursor in, String where) {
        List<OnnxNode> nodes = new ArrayList<>();
        SequencedMap<String, TensorProto> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Proto.forEachField(in, (number, wire, g) -> {
            switch (number) {
                case 1 -> nodes.add(OnnxNode.parse(Proto.message(g, wire, "node"), where));
                case 5 -> {
                    TensorProto t = TensorProto.parse(Proto.message(g, wire, "initializer"), where);
                    if (initializers.put(t.name(), t) != null) {
                        throw g.fail("two initializers are named '" + t.name() + "'");
                    }
                }
                case 11 -> inputs.add(valueName(Proto.message(g, wire, "input")));
                case 12 -> outputs.add(valueName(Proto.message(g, wire, "output")));
                default -> {
                    return false;
                }
            }
            return true;
        });
        // before IR version 4 every initializer was listed among the inputs too
        inputs.removeIf(initializers::containsKey);
        return new OnnxGraph(nodes, initializers, inputs, outputs, where);
    }

    private static String valueName(ByteCursor valueInfo) {
        String[] name = {""};
        Proto.forEachField(valueInfo, (number, wire, v) -> {
            if (number != 1) {
                return false;
            }
            name[0] = Proto.string(v, wire, "name");
            return true;
        });
        return name[0];
    }
}
