package dev.tails.io.onnx;

import dev.tails.tensor.FloatTensor;

import java.util.Arrays;
import java.util.List;

/**
 * A PyTorch Linear layer found in the graph: {@code Add(MatMul(x, W), b)} with W stored [in, out],
 * as torch.onnx exports a Linear on [batch, tokens, features] (often under a generated name like
 * {@code onnx::MatMul_787}). The weight is handed out [out, in], as Hugging Face checkpoints store it.
 *
 * @param output the value holding x·Wᵀ + b
 */
record Linear(FloatTensor weight, FloatTensor bias, String output) {

    int out() {
        return weight.dim(0);
    }

    /** Every Linear that reads {@code x}: MatMul nodes whose second input is a weight matrix. */
    static List<Linear> readersOf(GraphIndex g, String x) {
        return g.consumers(x).stream().filter(n -> reads(g, n, x)).map(n -> of(g, n)).toList();
    }

    static boolean anyReads(GraphIndex g, String x) {
        return g.consumers(x).stream().anyMatch(n -> reads(g, n, x));
    }

    static boolean isLinear(GraphIndex g, OnnxNode node) {
        return node.opType().equals("MatMul") && g.weight(node.input(1), 2) != null;
    }

    private static boolean reads(GraphIndex g, OnnxNode node, String x) {
        return isLinear(g, node) && node.input(0).equals(x);
    }

    static Linear of(GraphIndex g, OnnxNode node) {
        TensorProto w = g.take(node.input(1), 2);
        FloatTensor weight = w.asFloatTensor().transposed();
        // torch exports the bias as a separate Add, in either operand order
        OnnxNode add = g.onlyConsumer(node.output(), "Add", node.describe());
        return new Linear(weight, bias(g, GraphIndex.otherInput(add, node.output()), weight.dim(0), add), add.output());
    }

    private static FloatTensor bias(GraphIndex g, String value, int out, OnnxNode node) {
        TensorProto b = value == null ? null : g.take(value, 1);
        if (b == null || b.dim(0) != out) {
            throw g.fail(node.describe() + ": expected a bias of " + out + " floats, found "
                    + (b == null ? "'" + value + "', which is not a constant vector" : b));
        }
        return b.asFloatTensor();
    }

    @Override
    public String toString() {
        return "Linear " + Arrays.toString(weight.shape()) + " -> '" + output + "'";
    }
}
