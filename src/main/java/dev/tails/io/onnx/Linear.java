package dev.tails.io.onnx;

import dev.tails.tensor.FloatTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PyTorch Linear layer found in the graph: either {@code MatMul(x, W) + b} with W stored
 * [in, out] (how torch.onnx exports it, often under a generated name like {@code onnx::MatMul_787})
 * or {@code Gemm(x, W, b)}. The weight is handed out [out, in], as Hugging Face checkpoints store it.
 *
 * @param output the value holding x·Wᵀ + b
 */
record Linear(FloatTensor weight, FloatTensor bias, String output) {

    int in() {
        return weight.dim(1);
    }

    int out() {
        return weight.dim(0);
    }

    /** Every Linear that reads {@code x}: MatMul or Gemm nodes whose second input is a weight matrix. */
    static List<Linear> readersOf(GraphIndex g, String x) {
        List<Linear> found = new ArrayList<>();
        for (OnnxNode node : g.consumers(x)) {
            if (isLinear(g, node) && node.input(0).equals(x)) {
                found.add(of(g, node));
            }
        }
        return found;
    }

    static boolean isLinear(GraphIndex g, OnnxNode node) {
        return (node.opType().equals("MatMul") || node.opType().equals("Gemm")) && g.weight(node.input(1), 2) != null;
    }

    static Linear of(GraphIndex g, OnnxNode node) {
        TensorProto w = g.take(node.input(1), 2);
        if (node.opType().equals("Gemm")) {
            return gemm(g, node, w);
        }
        FloatTensor weight = w.asFloatTensor().transposed();
        // torch exports the bias as a separate Add, in either operand order
        OnnxNode add = g.onlyConsumer(node.output(), "Add", node.describe());
        return new Linear(weight, bias(g, GraphIndex.otherInput(add, node.output()), weight.dim(0), add), add.output());
    }

    /** Gemm computes alpha·A'·B' + beta·C; a Linear is alpha = beta = 1, A untransposed. */
    private static Linear gemm(GraphIndex g, OnnxNode node, TensorProto w) {
        if (intAttribute(node, "transA", 0) != 0 || floatAttribute(node, "alpha") != 1 || floatAttribute(node, "beta") != 1) {
            throw g.fail(node.describe() + ": a Gemm with transA, alpha or beta set is not a plain Linear layer");
        }
        FloatTensor weight = intAttribute(node, "transB", 0) != 0
                ? w.asFloatTensor() : w.asFloatTensor().transposed();
        return new Linear(weight, bias(g, node.input(2), weight.dim(0), node), node.output());
    }

    private static FloatTensor bias(GraphIndex g, String value, int out, OnnxNode node) {
        TensorProto b = value == null ? null : g.take(value, 1);
        if (b == null || b.dim(0) != out) {
            throw g.fail(node.describe() + ": expected a bias of " + out + " floats, found "
                    + (b == null ? "'" + value + "', which is not a constant vector" : b));
        }
        return b.asFloatTensor();
    }

    private static long intAttribute(OnnxNode node, String name, long fallback) {
        OnnxAttribute a = node.attribute(name);
        return a == null ? fallback : a.i();
    }

    private static float floatAttribute(OnnxNode node, String name) {
        OnnxAttribute a = node.attribute(name);
        return a == null ? 1f : a.f();
    }

    @Override
    public String toString() {
        return "Linear " + Arrays.toString(weight.shape()) + " -> '" + output + "'";
    }
}
