package dev.tails.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * BERT self-attention found in the graph. The three projections of the layer input are told apart
 * by where their values go, never by their names: the query is the left operand of the scores
 * MatMul, the key its right operand, the value the right operand of the MatMul after the Softmax.
 * On the way the head count is read off the Reshape to [batch, tokens, heads, head size], the
 * transposes are checked to be the ones BERT uses, and the scores' scale must be 1/sqrt(head size).
 *
 * @param output the attention output dense layer (BertSelfOutput.dense)
 */
record GraphAttention(Linear query, Linear key, Linear value, Linear output, int heads) {
    /** Ops that only move data between a projection and the attention MatMuls. */
    private static final Set<String> DATA_MOVES = Set.of("Reshape", "Transpose");
    /** More steps than any export takes between two MatMuls: a longer walk means a cycle or a foreign graph. */
    private static final int MAX_STEPS = 16;
    private static final long[] SPLIT_HEADS = {0, 2, 1, 3};
    private static final long[] SPLIT_HEADS_KEY_TRANSPOSED = {0, 2, 3, 1};

    /** Where a projection's value ends up: a MatMul operand, with the scale and the moves applied on the way. */
    private record Route(Linear projection, OnnxNode matMul, int operand, double scale, long[] perm, int[] headShape) {
    }

    static GraphAttention of(GraphIndex g, List<Linear> projections, int hidden, String what) {
        List<Route> routes = new ArrayList<>();
        for (Linear p : projections) {
            routes.add(route(g, p, what));
        }
        Route query = single(g, routes, 0, null, what, "query (left operand of the attention scores)");
        Route key = single(g, routes, 1, query.matMul(), what, "key (right operand of the attention scores)");
        Route value = routes.stream().filter(r -> r != query && r != key).findFirst().orElseThrow();
        checkPerm(g, query, SPLIT_HEADS, what + " query");
        checkPerm(g, key, SPLIT_HEADS_KEY_TRANSPOSED, what + " key");
        checkPerm(g, value, SPLIT_HEADS, what + " value");
        int heads = heads(g, hidden, what, query, key, value);
        OnnxNode softmax = scoresToSoftmax(g, query, key, hidden / heads, what);
        OnnxNode context = g.onlyConsumer(softmax.output(), "MatMul", what);
        if (context != value.matMul() || value.operand() != 1 || !context.input(0).equals(softmax.output())) {
            throw g.fail(what + ": the attention weights and the value projection do not meet in one MatMul");
        }
        return new GraphAttention(query.projection(), key.projection(), value.projection(),
                mergeHeads(g, context, what), heads);
    }

    /** Follows a projection's output through Reshape, Transpose and scalar Mul/Div to the MatMul that reads it. */
    private static Route route(GraphIndex g, Linear p, String what) {
        String v = p.output();
        double scale = 1;
        long[] perm = {0, 1, 2, 3};
        int[] headShape = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            OnnxNode next = onlyDataConsumer(g, v, what);
            switch (next.opType()) {
                case "MatMul" -> {
                    if (Linear.isLinear(g, next) || headShape == null) {
                        throw g.fail(what + ": '" + p.output() + "' reaches " + next.describe() + " without being split into heads");
                    }
                    return new Route(p, next, next.input(0).equals(v) ? 0 : 1, scale, perm, headShape);
                }
                case "Reshape" -> {
                    if (headShape != null) {
                        throw g.fail(what + ": '" + p.output() + "' is reshaped twice before the attention MatMul");
                    }
                    headShape = ReshapeTarget.lastTwo(g, next, what);
                }
                case "Transpose" -> {
                    if (headShape == null) {
                        throw g.fail(what + ": '" + p.output() + "' is transposed before it is split into heads");
                    }
                    perm = compose(perm, next, g);
                }
                case "Mul", "Div" -> scale *= scaleFactor(g, next, v, what);
                default -> throw g.fail(what + ": '" + p.output() + "' goes into " + next.describe()
                        + ", which is not part of BERT's attention");
            }
            v = next.output();
        }
        throw g.fail(what + ": '" + p.output() + "' takes more than " + MAX_STEPS + " steps to reach an attention MatMul");
    }

    /** The one reader of {@code v} that uses its values; Shape nodes only read its size. */
    private static OnnxNode onlyDataConsumer(GraphIndex g, String v, String what) {
        List<OnnxNode> readers = g.consumers(v).stream().filter(n -> !n.opType().equals("Shape")).toList();
        if (readers.size() != 1) {
            throw g.fail(what + ": expected one node to read '" + v + "', found " + readers.size());
        }
        OnnxNode n = readers.getFirst();
        if (DATA_MOVES.contains(n.opType()) && !n.input(0).equals(v)) {
            throw g.fail(what + ": '" + v + "' is the shape, not the data, of " + n.describe());
        }
        return n;
    }

    /** A Mul or Div by a constant scalar; returns the factor it applies to {@code v}. */
    private static double scaleFactor(GraphIndex g, OnnxNode n, String v, String what) {
        String other = GraphIndex.otherInput(n, v);
        double c = other == null ? Double.NaN : g.scalar(other);
        if (Double.isNaN(c) || c == 0 || (n.opType().equals("Div") && !n.input(0).equals(v))) {
            throw g.fail(what + ": " + n.describe() + " on '" + v + "' is not a scaling by a constant");
        }
        return n.opType().equals("Div") ? 1 / c : c;
    }

    /** Axis order after a Transpose: output axis i is input axis perm[i]. */
    private static long[] compose(long[] axes, OnnxNode node, GraphIndex g) {
        long[] perm = node.attribute("perm") == null ? null : node.attribute("perm").ints();
        if (perm == null || perm.length != axes.length) {
            throw g.fail(node.describe() + ": expected a 4-axis perm, found " + (perm == null ? "none" : Arrays.toString(perm)));
        }
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= axes.length) {
                throw g.fail(node.describe() + ": perm " + Arrays.toString(perm) + " names an axis a 4-axis tensor lacks");
            }
            out[i] = axes[(int) perm[i]];
        }
        return out;
    }

    private static void checkPerm(GraphIndex g, Route r, long[] expected, String what) {
        if (!Arrays.equals(r.perm(), expected)) {
            throw g.fail(what + ": axes end up in order " + Arrays.toString(r.perm()) + " at the attention MatMul, BERT has "
                    + Arrays.toString(expected));
        }
    }

    /** The route that reaches {@code operand} of a MatMul (and, when given, of that MatMul). */
    private static Route single(GraphIndex g, List<Route> routes, int operand, OnnxNode matMul, String what, String role) {
        List<Route> found = routes.stream()
                .filter(r -> r.operand() == operand && (matMul == null ? isScores(g, r.matMul()) : r.matMul() == matMul))
                .toList();
        if (found.size() != 1) {
            throw g.fail(what + ": cannot tell which projection is the " + role + "; " + found.size() + " candidates");
        }
        return found.getFirst();
    }

    /** The scores MatMul is the one whose both operands come from projections (not from a Softmax). */
    private static boolean isScores(GraphIndex g, OnnxNode matMul) {
        OnnxNode left = g.producer(matMul.input(0));
        return left == null || !left.opType().equals("Softmax");
    }

    /** Heads from each projection's Reshape: [.., heads, head size] with either number possibly dynamic. */
    private static int heads(GraphIndex g, int hidden, String what, Route... routes) {
        int heads = 0;
        for (Route r : routes) {
            int h = r.headShape()[0];
            int size = r.headShape()[1];
            if (h <= 0 && size > 0 && hidden % size == 0) {
                h = hidden / size;
            }
            if (h <= 0 || hidden % h != 0 || (size > 0 && h * size != hidden) || (heads != 0 && h != heads)) {
                throw g.fail(what + ": the head split " + Arrays.toString(r.headShape()) + " of '" + r.projection().output()
                        + "' does not divide hidden size " + hidden + (heads != 0 ? " into the " + heads + " heads of the others" : ""));
            }
            heads = h;
        }
        return heads;
    }

    /** From the scores MatMul through scaling and the mask Add to the Softmax, checking the total scale. */
    private static OnnxNode scoresToSoftmax(GraphIndex g, Route query, Route key, int headSize, String what) {
        double scale = query.scale() * key.scale();
        String v = query.matMul().output();
        for (int step = 0; step < MAX_STEPS; step++) {
            OnnxNode next = onlyDataConsumer(g, v, what);
            switch (next.opType()) {
                case "Softmax" -> {
                    OnnxAttribute axis = next.attribute("axis");
                    if (axis != null && axis.i() != -1 && axis.i() != 3) {
                        throw g.fail(what + ": " + next.describe() + " runs over axis " + axis.i() + ", not over the keys");
                    }
                    if (Math.abs(scale * Math.sqrt(headSize) - 1) > 1e-6) {
                        throw g.fail(what + ": the attention scores are scaled by " + scale + ", BERT scales them by 1/sqrt("
                                + headSize + ") = " + 1 / Math.sqrt(headSize));
                    }
                    return next;
                }
                case "Mul", "Div" -> scale *= scaleFactor(g, next, v, what);
                case "Add" -> {
                    // the attention mask: (1 - mask) * a large negative number, added to every score
                }
                default -> throw g.fail(what + ": the attention scores go into " + next.describe() + " before the Softmax");
            }
            v = next.output();
        }
        throw g.fail(what + ": no Softmax within " + MAX_STEPS + " steps of the attention scores");
    }

    /** From the per-head context through Transpose and Reshape back to [batch, tokens, hidden] into the output dense layer. */
    private static Linear mergeHeads(GraphIndex g, OnnxNode context, String what) {
        String v = context.output();
        long[] perm = {0, 1, 2, 3};
        for (int step = 0; step < MAX_STEPS; step++) {
            OnnxNode next = onlyDataConsumer(g, v, what);
            if (Linear.isLinear(g, next) && next.input(0).equals(v)) {
                if (!Arrays.equals(perm, SPLIT_HEADS)) {
                    throw g.fail(what + ": the heads are merged in axis order " + Arrays.toString(perm) + ", BERT uses "
                            + Arrays.toString(SPLIT_HEADS));
                }
                return Linear.of(g, next);
            }
            switch (next.opType()) {
                case "Transpose" -> perm = compose(perm, next, g);
                case "Reshape" -> {
                    // [batch, tokens, heads, head size] -> [batch, tokens, hidden]; the output dense layer checks the width
                }
                default -> throw g.fail(what + ": the attention context goes into " + next.describe()
                        + " before the output dense layer");
            }
            v = next.output();
        }
        throw g.fail(what + ": no output dense layer within " + MAX_STEPS + " steps of the attention context");
    }
}
