package dev.tails.io.onnx;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The target shape of a Reshape as far as constants tell it. torch.onnx builds the head split as
 * {@code Concat(Unsqueeze(batch), Unsqueeze(tokens), [12], [32])}: the batch and token counts
 * are computed at run time, the head count and size are constants.
 */
final class ReshapeTarget {
    /** Stands for an entry known only at run time (or 0, "copy the input's size"). */
    static final int DYNAMIC = -1;

    private ReshapeTarget() {
    }

    /** {heads, head size} of a Reshape to [batch, tokens, heads, head size], each possibly {@link #DYNAMIC}. */
    static int[] lastTwo(GraphIndex g, OnnxNode reshape, String what) {
        long[] dims = dims(g, reshape, what);
        if (dims.length != 4) {
            throw g.fail(what + ": " + reshape.describe() + " reshapes to " + Arrays.toString(dims)
                    + ", expected [batch, tokens, heads, head size]");
        }
        return new int[] {known(dims[2]), known(dims[3])};
    }

    private static long[] dims(GraphIndex g, OnnxNode reshape, String what) {
        String shape = reshape.input(1);
        TensorProto constant = g.constant(shape);
        if (constant != null) {
            return constant.longs();
        }
        OnnxNode concat = g.producer(shape);
        if (concat == null || !concat.opType().equals("Concat")) {
            throw g.fail(what + ": the target shape of " + reshape.describe() + " is neither a constant nor a Concat");
        }
        LongStream.Builder dims = LongStream.builder();
        for (String piece : concat.inputs()) {
            TensorProto c = g.constant(piece);
            if (c == null) {
                dims.add(DYNAMIC);  // one computed size (an Unsqueezed scalar)
            } else {
                LongStream.of(c.longs()).forEach(dims);
            }
        }
        return dims.build().toArray();
    }

    private static int known(long dim) {
        return dim > 0 && dim <= Integer.MAX_VALUE ? (int) dim : DYNAMIC;
    }
}
