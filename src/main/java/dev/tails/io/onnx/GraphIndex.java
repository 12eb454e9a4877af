package dev.tails.io.onnx;

import dev.tails.TailsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who writes and who reads each value of a graph, and which values are constants: the questions
 * the pattern finders ask while they walk from the inputs towards the output.
 */
final class GraphIndex {
    private final OnnxGraph graph;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    GraphIndex(OnnxGraph graph) {
        this.graph = graph;
        for (OnnxNode node : graph.nodes()) {
            for (String out : node.outputs()) {
                if (!out.isEmpty() && (producers.put(out, node) != null || graph.initializers().containsKey(out))) {
                    throw fail("value '" + out + "' is written twice (second time by " + node.describe() + ")");
                }
            }
            for (String in : new LinkedHashSet<>(node.inputs())) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
            }
        }
    }

    OnnxGraph graph() {
        return graph;
    }

    /** The node that writes {@code value}, or null for graph inputs and initializers. */
    OnnxNode producer(String value) {
        return producers.get(value);
    }

    List<OnnxNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** The readers of {@code value} of one operator type. */
    List<OnnxNode> consumers(String value, String opType) {
        return consumers(value).stream().filter(n -> n.opType().equals(opType)).toList();
    }

    /** The one reader of {@code value} of that type; anything else means the graph is not the expected shape. */
    OnnxNode onlyConsumer(String value, String opType, String context) {
        List<OnnxNode> found = consumers(value, opType);
        if (found.size() != 1) {
            throw fail(context + ": expected one " + opType + " reading '" + value + "', found " + found.size());
        }
        return found.getFirst();
    }

    /** The value as a constant: an initializer or the value of a Constant node; null when computed. */
    TensorProto constant(String value) {
        TensorProto t = graph.initializers().get(value);
        if (t != null) {
            return t;
        }
        OnnxNode p = producer(value);
        if (p != null && p.opType().equals("Constant") && p.attribute("value") != null) {
            return p.attribute("value").t();
        }
        return null;
    }

    /** A float32 constant of the given rank (a weight matrix, a bias, a LayerNorm gain), or null. */
    TensorProto weight(String value, int rank) {
        TensorProto t = constant(value);
        return t != null && t.isFloat() && t.rank() == rank ? t : null;
    }

    /** {@link #weight}, remembering that the model uses it (see {@link #untakenWeights}). */
    TensorProto take(String value, int rank) {
        TensorProto t = weight(value, rank);
        if (t != null) {
            taken.add(value);
        }
        return t;
    }

    /** Float initializers no pattern took, e.g. a pooler the walk never reaches. */
    List<String> untakenWeights() {
        return graph.initializers().entrySet().stream()
                .filter(e -> e.getValue().isFloat() && e.getValue().rank() > 0 && !taken.contains(e.getKey()))
                .map(e -> e.getValue().toString()).toList();
    }

    /** A float32 constant holding one number (a scale, an eps), or NaN. */
    double scalar(String value) {
        TensorProto t = constant(value);
        return t != null && t.isFloat() && t.elementCount() == 1 ? t.floats()[0] : Double.NaN;
    }

    /** The input of a two-input node that is not {@code known}, or null when the node does not read it. */
    static String otherInput(OnnxNode node, String known) {
        if (node.inputs().size() != 2) {
            return null;
        }
        if (node.input(0).equals(known)) {
            return node.input(1);
        }
        return node.input(1).equals(known) ? node.input(0) : null;
    }

    TailsException fail(String message) {
        return new TailsException(graph.where() + ": " + message);
    }
}
