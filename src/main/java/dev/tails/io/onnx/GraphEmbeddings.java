package dev.tails.io.onnx;

import dev.tails.tensor.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * BERT's three embedding lookups found in the graph: the Gather reading the {@code input_ids}
 * input is the word table, the one reading {@code token_type_ids} the token type table, and the
 * third Gather added to them the position table. Their sum is what the first LayerNorm reads.
 *
 * @param sum the value holding word + token type + position embeddings
 */
record GraphEmbeddings(FloatTensor word, FloatTensor position, FloatTensor tokenType, String sum) {
    static final String INPUT_IDS = "input_ids";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    static GraphEmbeddings of(GraphIndex g) {
        OnnxNode word = lookupOf(g, INPUT_IDS);
        OnnxNode tokenType = lookupOf(g, TOKEN_TYPE_IDS);
        // follow word's value through the Adds that put the other lookups onto it
        List<OnnxNode> added = new ArrayList<>();
        String sum = word.output();
        for (OnnxNode add = nextAdd(g, sum); add != null && added.size() < 2; add = nextAdd(g, sum)) {
            added.add(g.producer(GraphIndex.otherInput(add, sum)));
            sum = add.output();
        }
        if (added.size() != 2 || !added.contains(tokenType)) {
            throw g.fail("embeddings: expected the token type and position lookups to be added to the word embeddings '"
                    + word.output() + "', found " + added.stream().map(OnnxNode::describe).toList());
        }
        OnnxNode position = added.get(added.indexOf(tokenType) == 0 ? 1 : 0);
        checkPositionIds(g, position);
        return new GraphEmbeddings(table(g, word), table(g, position), table(g, tokenType), sum);
    }

    /** The Gather that looks up rows of a constant table with a graph input's ids. */
    private static OnnxNode lookupOf(GraphIndex g, String input) {
        if (!g.graph().inputs().contains(input)) {
            throw g.fail("no graph input '" + input + "' (inputs: " + g.graph().inputs()
                    + "); a BERT export takes input_ids, attention_mask and token_type_ids");
        }
        List<OnnxNode> lookups = g.consumers(input, "Gather").stream()
                .filter(n -> n.input(1).equals(input) && g.constant(n.input(0)) != null).toList();
        for (OnnxNode n : lookups) {
            if (g.weight(n.input(0), 2) == null) {
                throw g.fail("the embedding table of '" + input + "' is " + g.constant(n.input(0))
                        + "; only float32 tables of [rows, hidden] are supported (int8 exports are quantized)");
            }
        }
        if (lookups.size() != 1) {
            throw g.fail("expected one embedding lookup (Gather on a constant table) of '" + input + "', found " + lookups.size());
        }
        return lookups.getFirst();
    }

    /** The Add that reads {@code value} together with another embedding lookup, or null. */
    private static OnnxNode nextAdd(GraphIndex g, String value) {
        for (OnnxNode add : g.consumers(value, "Add")) {
            String other = GraphIndex.otherInput(add, value);
            OnnxNode p = other == null ? null : g.producer(other);
            if (p != null && p.opType().equals("Gather") && g.weight(p.input(0), 2) != null) {
                return add;
            }
        }
        return null;
    }

    /**
     * tails numbers BERT's positions 0, 1, 2, ...; torch exports slice the first T of a constant
     * {@code position_ids} row, which must then hold exactly that. Ids computed at run time are
     * left to the parity test.
     */
    private static void checkPositionIds(GraphIndex g, OnnxNode position) {
        String ids = position.input(1);
        OnnxNode slice = g.producer(ids);
        boolean sliced = slice != null && slice.opType().equals("Slice");
        TensorProto table = g.constant(sliced ? slice.input(0) : ids);
        if (table == null) {
            return;
        }
        long[] values = table.longs();
        boolean fromStart = !sliced || (allEqual(g, slice.input(1), 0) && (slice.input(4).isEmpty() || allEqual(g, slice.input(4), 1)));
        for (int i = 0; i < values.length && fromStart; i++) {
            fromStart = values[i] == i;
        }
        if (!fromStart) {
            throw g.fail("embeddings: the position ids fed to " + position.describe() + " are not 0, 1, 2, ...");
        }
    }

    private static boolean allEqual(GraphIndex g, String value, long expected) {
        TensorProto c = g.constant(value);
        return c != null && LongStream.of(c.longs()).allMatch(v -> v == expected);
    }

    private static FloatTensor table(GraphIndex g, OnnxNode gather) {
        OnnxAttribute axis = gather.attribute("axis");
        if (axis != null && axis.i() != 0) {
            throw g.fail("embeddings: " + gather.describe() + " gathers along axis " + axis.i() + ", not rows");
        }
        return g.take(gather.input(0), 2).asFloatTensor();
    }
}
