package dev.tails.io.onnx;

import dev.tails.tensor.FloatTensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * One BERT encoder layer found in the graph, walked in HF's order (BertLayer, post-LN):
 * self-attention -> add the input, LayerNorm -> intermediate dense -> GELU -> output dense ->
 * add the attention block's output, LayerNorm.
 *
 * @param hiddenAct "gelu" (erf) or "gelu_new" (tanh), as config.json names them
 * @param output    the value holding the layer's output (the next layer's input)
 */
record GraphLayer(GraphAttention attention, GraphLayerNorm attentionNorm, Linear intermediate, String hiddenAct,
                  Linear down, GraphLayerNorm outputNorm, String output) {
    /** The GELU between the two dense layers spans a handful of nodes; far more means a foreign graph. */
    private static final int MAX_ACTIVATION_NODES = 32;

    /** The layer reading {@code input}; {@code what} names it in errors ("encoder.layer.3"). */
    static GraphLayer of(GraphIndex g, String input, int hidden, String what) {
        List<Linear> projections = Linear.readersOf(g, input);
        if (projections.size() != 3) {
            throw g.fail(what + ": expected 3 projections (query, key, value) of '" + input + "', found " + projections);
        }
        GraphAttention attention = GraphAttention.of(g, projections, hidden, what + ".attention");
        GraphLayerNorm attentionNorm = GraphLayerNorm.of(g,
                residual(g, attention.output().output(), input, what + ".attention.output"), what + ".attention.output.LayerNorm");
        List<Linear> up = Linear.readersOf(g, attentionNorm.output());
        if (up.size() != 1) {
            throw g.fail(what + ".intermediate: expected one dense layer reading '" + attentionNorm.output() + "', found " + up);
        }
        Linear intermediate = up.getFirst();
        Set<String> activationOps = new TreeSet<>();
        Linear down = acrossActivation(g, intermediate, activationOps, what + ".intermediate");
        GraphLayerNorm outputNorm = GraphLayerNorm.of(g,
                residual(g, down.output(), attentionNorm.output(), what + ".output"), what + ".output.LayerNorm");
        return new GraphLayer(attention, attentionNorm, intermediate, hiddenAct(g, activationOps, what),
                down, outputNorm, outputNorm.output());
    }

    /** Puts this layer's tensors under HF's names ("encoder.layer.N." + ...). */
    void putTensors(SequencedMap<String, FloatTensor> tensors, String prefix) {
        put(tensors, prefix + "attention.self.query", attention.query());
        put(tensors, prefix + "attention.self.key", attention.key());
        put(tensors, prefix + "attention.self.value", attention.value());
        put(tensors, prefix + "attention.output.dense", attention.output());
        put(tensors, prefix + "attention.output.LayerNorm", attentionNorm);
        put(tensors, prefix + "intermediate.dense", intermediate);
        put(tensors, prefix + "output.dense", down);
        put(tensors, prefix + "output.LayerNorm", outputNorm);
    }

    static void put(SequencedMap<String, FloatTensor> tensors, String module, Linear linear) {
        tensors.put(module + ".weight", linear.weight());
        tensors.put(module + ".bias", linear.bias());
    }

    static void put(SequencedMap<String, FloatTensor> tensors, String module, GraphLayerNorm norm) {
        tensors.put(module + ".weight", norm.gamma());
        tensors.put(module + ".bias", norm.beta());
    }

    /** The Add of a block's output and the block's input (the residual connection). */
    private static String residual(GraphIndex g, String blockOutput, String blockInput, String what) {
        return g.consumers(blockOutput, "Add").stream()
                .filter(add -> blockInput.equals(GraphIndex.otherInput(add, blockOutput))).findFirst()
                .orElseThrow(() -> g.fail(what + ": no Add of '" + blockOutput + "' and the residual '" + blockInput + "'"))
                .output();
    }

    /**
     * Walks every node downstream of the intermediate dense output until the Linear that reads
     * the activation; collects the op types on the way (the activation's spelling).
     */
    private static Linear acrossActivation(GraphIndex g, Linear up, Set<String> ops, String what) {
        Deque<String> values = new ArrayDeque<>(List.of(up.output()));
        Set<OnnxNode> seen = new HashSet<>();
        Linear down = null;
        while (!values.isEmpty()) {
            for (OnnxNode n : g.consumers(values.pop())) {
                if (!seen.add(n)) {
                    continue;
                }
                if (Linear.isLinear(g, n)) {
                    if (down != null) {
                        throw g.fail(what + ": the activation feeds two dense layers");
                    }
                    down = Linear.of(g, n);
                } else {
                    ops.add(n.opType());
                    values.addAll(n.outputs());
                }
                if (seen.size() > MAX_ACTIVATION_NODES) {
                    throw g.fail(what + ": no output dense layer within " + MAX_ACTIVATION_NODES + " nodes of '" + up.output() + "'");
                }
            }
        }
        if (down == null) {
            throw g.fail(what + ": no output dense layer after the activation of '" + up.output() + "'");
        }
        return down;
    }

    /** Erf = exact GELU ("gelu"); Tanh = its tanh approximation ("gelu_new"). */
    private static String hiddenAct(GraphIndex g, Set<String> ops, String what) {
        if (ops.contains("Erf") && !ops.contains("Tanh")) {
            return "gelu";
        }
        if (ops.contains("Tanh") && !ops.contains("Erf")) {
            return "gelu_new";
        }
        throw g.fail(what + ": the activation is made of " + ops + ", neither erf GELU (Erf) nor tanh GELU (Tanh)");
    }
}
