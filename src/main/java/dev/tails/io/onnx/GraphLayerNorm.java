package dev.tails.io.onnx;

import dev.tails.tensor.FloatTensor;

import java.util.Arrays;

/**
 * A LayerNorm over the last axis found in the graph, either as one {@code LayerNormalization}
 * node (opset 17+) or spelled out as torch.onnx exports it at lower opsets:
 * <pre>
 *   mean = ReduceMean(x); d = Sub(x, mean)
 *   Div(d, Sqrt(Add(ReduceMean(Pow(d, 2)), eps))) -> Mul(., gamma) -> Add(., beta)
 * </pre>
 *
 * @param output the value holding the normalized result
 */
record GraphLayerNorm(FloatTensor gamma, FloatTensor beta, float eps, String output) {
    /** LayerNormalization's default epsilon when the attribute is absent. */
    private static final float ONNX_DEFAULT_EPS = 1e-5f;

    /** The LayerNorm that normalizes {@code x}; {@code what} names it in errors (e.g. "encoder.layer.3.output.LayerNorm"). */
    static GraphLayerNorm of(GraphIndex g, String x, String what) {
        var fused = g.consumers(x, "LayerNormalization");
        return fused.isEmpty() ? decomposed(g, x, what) : fused(g, fused.getFirst(), what);
    }

    private static GraphLayerNorm fused(GraphIndex g, OnnxNode node, String what) {
        OnnxAttribute axis = node.attribute("axis");
        if (axis != null && axis.i() != -1) {
            throw g.fail(what + ": " + node.describe() + " normalizes from axis " + axis.i() + ", not over the last axis only");
        }
        OnnxAttribute eps = node.attribute("epsilon");
        return new GraphLayerNorm(vector(g, node.input(1), what, "gain"), vector(g, node.input(2), what, "bias"),
                eps == null ? ONNX_DEFAULT_EPS : eps.f(), node.output());
    }

    private static GraphLayerNorm decomposed(GraphIndex g, String x, String what) {
        OnnxNode mean = lastAxisMean(g, g.onlyConsumer(x, "ReduceMean", what), what);
        OnnxNode centered = g.consumers(x, "Sub").stream()
                .filter(n -> n.input(0).equals(x) && n.input(1).equals(mean.output())).findFirst()
                .orElseThrow(() -> g.fail(what + ": no Sub of '" + x + "' and its mean '" + mean.output() + "'"));
        OnnxNode divide = g.onlyConsumer(centered.output(), "Div", what);
        float eps = epsilon(g, divide.input(1), centered.output(), what);
        OnnxNode scale = g.onlyConsumer(divide.output(), "Mul", what);
        OnnxNode shift = g.onlyConsumer(scale.output(), "Add", what);
        return new GraphLayerNorm(vector(g, GraphIndex.otherInput(scale, divide.output()), what, "gain"),
                vector(g, GraphIndex.otherInput(shift, scale.output()), what, "bias"), eps, shift.output());
    }

    /** Follows the divisor back: Sqrt(Add(ReduceMean(Pow(centered, 2)), eps)); returns eps. */
    private static float epsilon(GraphIndex g, String divisor, String centered, String what) {
        OnnxNode sqrt = producer(g, divisor, "Sqrt", what);
        OnnxNode add = producer(g, sqrt.input(0), "Add", what);
        boolean epsFirst = !Double.isNaN(g.scalar(add.input(0)));
        double eps = g.scalar(add.input(epsFirst ? 0 : 1));
        OnnxNode variance = lastAxisMean(g, producer(g, add.input(epsFirst ? 1 : 0), "ReduceMean", what), what);
        OnnxNode square = producer(g, variance.input(0), "Pow", what);
        if (Double.isNaN(eps) || !(eps > 0) || !square.input(0).equals(centered) || g.scalar(square.input(1)) != 2) {
            throw g.fail(what + ": the variance is not mean((x - mean)^2) + eps with a positive constant eps");
        }
        return (float) eps;
    }

    private static OnnxNode producer(GraphIndex g, String value, String opType, String what) {
        OnnxNode p = g.producer(value);
        if (p == null || !p.opType().equals(opType)) {
            throw g.fail(what + ": expected '" + value + "' to come from a " + opType + ", found "
                    + (p == null ? "no node" : p.describe()));
        }
        return p;
    }

    /** ReduceMean over the last axis only (axes [-1] as torch exports; the attribute form of opset < 18). */
    private static OnnxNode lastAxisMean(GraphIndex g, OnnxNode mean, String what) {
        OnnxAttribute axes = mean.attribute("axes");
        if (axes == null || !Arrays.equals(axes.ints(), new long[] {-1})) {
            throw g.fail(what + ": " + mean.describe() + " must average over the last axis only (axes [-1]), found "
                    + (axes == null ? "no axes attribute" : Arrays.toString(axes.ints())));
        }
        return mean;
    }

    private static FloatTensor vector(GraphIndex g, String value, String what, String role) {
        TensorProto t = value == null ? null : g.take(value, 1);
        if (t == null) {
            throw g.fail(what + ": its " + role + " '" + value + "' is not a constant vector");
        }
        return t.asFloatTensor();
    }
}
